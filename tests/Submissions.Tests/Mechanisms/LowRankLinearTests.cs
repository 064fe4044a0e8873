using Bench.Contracts;
using Bench.Submissions.Mechanisms;
using Bench.Tests.Shared;
using Bench.Workloads.TinyShakespeare;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Mechanisms;

public class LowRankLinearTests
{
    [Fact]
    public void Output_is_U_times_V_times_x_plus_b_as_computed_by_hand()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var layer = new LowRankLinear(inputs: 3, outputs: 2, rank: 1);
        using (no_grad())
        {
            layer.V.copy_(tensor(new float[] { 1, 2, 3 }, [1, 3]));
            layer.U.copy_(tensor(new float[] { 2, -1 }, [2, 1]));
            layer.Bias!.copy_(tensor(new float[] { 0.5f, 1 }));
        }
        // x = (1, 0, -1): V·x = 1 - 3 = -2, U·(-2) = (-4, 2), + b = (-3.5, 3).
        // x = (2, 1, 1):  V·x = 2 + 2 + 3 = 7, U·7 = (14, -7), + b = (14.5, -6).
        var y = layer.forward(tensor(new float[] { 1, 0, -1, 2, 1, 1 }, [2, 3]));
        Assert.Equal(new float[] { -3.5f, 3, 14.5f, -6 }, y.data<float>().ToArray());
    }

    [Fact]
    public void Output_equals_the_dense_layer_with_weight_UV()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var layer = new LowRankLinear(inputs: 24, outputs: 40, rank: 6, generator: new Generator(2));
        using (no_grad()) layer.Bias!.copy_(randn(40, generator: new Generator(3)));
        var x = randn(10, 24, generator: new Generator(4));
        var dense = nn.functional.linear(x, layer.DenseWeight(), layer.Bias);
        var factorized = layer.forward(x);
        Assert.True(factorized.allclose(dense, rtol: 1e-5, atol: 1e-5), $"max difference {(factorized - dense).abs().max().item<float>()}");
    }

    [Fact]
    public void Initial_weight_has_the_scale_of_a_default_linear()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var layer = new LowRankLinear(inputs: 256, outputs: 256, rank: 64, generator: new Generator(5));
        var std = layer.DenseWeight().std().item<float>();
        Assert.InRange(std, 0.8 / Math.Sqrt(3 * 256), 1.2 / Math.Sqrt(3 * 256));
    }

    [Fact]
    public void From_dense_at_full_rank_is_the_dense_layer_and_at_lower_rank_its_best_approximation()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var dense = nn.Linear(6, 4);
        var x = randn(5, 6, generator: new Generator(6));
        using var full = LowRankLinear.FromDense(dense.weight!, dense.bias, rank: 4);
        Assert.True(full.forward(x).allclose(dense.forward(x), rtol: 1e-4, atol: 1e-5));

        // Eckart-Young: the error of the best rank-2 approximation is the norm of the dropped singular values.
        using var two = LowRankLinear.FromDense(dense.weight!, dense.bias, rank: 2);
        var singular = linalg.svdvals(dense.weight!.detach());
        var dropped = singular.narrow(0, 2, 2).square().sum().sqrt().item<float>();
        Assert.Equal(dropped, (two.DenseWeight() - dense.weight!).norm().item<float>(), 4);
        Assert.Equal(2, two.Rank);
    }

    [Fact]
    public void Its_flops_per_position_are_two_times_rank_times_in_plus_out()
    {
        _ = TorchFixture.Cpu;
        using var layer = new LowRankLinear(inputs: 3, outputs: 2, rank: 1);
        Assert.Equal(2.0 * 1 * (3 + 2), layer.ForwardFlopsPerPosition);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LowRankLinear(3, 2, rank: 0));
    }

    [Fact]
    public void Factorising_a_chargpt_feed_forward_layer_lowers_its_train_flops_by_the_hand_count()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var model = new CharGpt(vocabulary: 10, context: 8, width: 16, layers: 2, heads: 2);
        const double workload = 1e6; // any dense figure: only the layer's difference may change it
        Assert.Equal(workload, LayerFlops.TrainFlopsPerExample(model, workload));

        model.ReplaceLayer("blocks.1.expand", new LowRankLinear(16, 64, rank: 4)).Dispose();

        // Dense 16 -> 64: 2 x 16 x 64 = 2048 FLOPs a token; rank 4: 2 x 4 x (16 + 64) = 640. Over 8 tokens the
        // forward saves (2048 - 640) x 8 = 11,264 FLOPs an example, training 3 x that = 33,792.
        Assert.Equal(workload - 33_792, LayerFlops.TrainFlopsPerExample(model, workload));
        Assert.Equal(LayerFlops.DenseForwardPerExample(model) - 11_264, LayerFlops.ForwardPerExample(model));
        Assert.IsType<LowRankLinear>(model.Layers.Single(l => l.Name == "blocks.1.expand").Module);
    }

    [Fact]
    public void A_factorised_model_trains_its_factors_and_not_the_replaced_weight()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var model = new CharGpt(vocabulary: 10, context: 8, width: 16, layers: 1, heads: 2);
        var slot = model.Layers.Single(l => l.Name == "blocks.0.contract");
        var dense = (TorchSharp.Modules.Linear)slot.Module;
        var lowRank = LowRankLinear.FromDense(dense.weight!, dense.bias, rank: 3);
        using var old = model.ReplaceLayer(slot.Name, lowRank);

        model.forward(randint(0, 10, [2, 8])).sum().backward();

        Assert.NotNull(lowRank.U.grad);
        Assert.NotNull(lowRank.V.grad);
        Assert.Null(dense.weight!.grad);
        Assert.Contains("blocks.0.contract.u", model.state_dict().Keys);
    }
}
