using Bench.Submissions.Transformer24Sparsity;
using Bench.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Transformer24Sparsity;

/// <summary>
/// Golden tests of the 2:4-sparse layer on hand-made and seeded weights: the masked forward, the straight-through
/// gradient with masked decay, the dense phase, the flip rate and the FLOPs it reports.
/// </summary>
public class TwoFourLinearTests
{
    /// <summary>Same shape and every element equal.</summary>
    static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    static double Gap(Tensor a, Tensor b) => (a.to(ScalarType.Float64) - b.to(ScalarType.Float64)).abs().max().item<double>();

    [Fact]
    public void The_masked_forward_keeps_the_two_largest_of_every_four_weights_and_is_x_times_the_masked_weight_plus_bias()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        // Two outputs, eight inputs: groups [0.1 -3 2 0.5] [-1 0 0.2 4] and [5 -6 7 -8] [0.3 0.2 -0.1 0.4].
        var weight = tensor(new float[] { 0.1f, -3f, 2f, 0.5f, -1f, 0f, 0.2f, 4f, 5f, -6f, 7f, -8f, 0.3f, 0.2f, -0.1f, 0.4f }, [2, 8]);
        var bias = tensor(new float[] { 0.5f, -0.25f });
        using var layer = new TwoFourLinear(weight, bias);
        layer.train();
        var x = randn(3, 8, generator: new Generator(5));

        var y = layer.forward(x);

        var mask = layer.LastMask()!;
        Assert.Equal(new float[] { 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1 }, mask.data<float>().ToArray());
        var masked = weight * mask;
        Assert.True(Same(nn.functional.linear(x, masked, bias), y), "the forward is not linear(x, W ⊙ M, b)");
        Assert.True(Gap(x.mm(masked.t()) + bias, y) < 1e-5);
    }

    [Fact]
    public void A_seeded_layer_keeps_exactly_two_of_every_four_weights_in_training_and_in_evaluation()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var layer = new TwoFourLinear(randn(16, 32, generator: new Generator(2)), randn(16, generator: new Generator(3)));
        var x = eye(32);

        layer.train();
        var trained = layer.forward(x) - layer.Bias!;
        layer.eval();
        var evaluated = layer.forward(x) - layer.Bias!;

        // With x = I the output minus the bias is (W ⊙ M)ᵀ: count the weights actually used, per group of four inputs.
        foreach (var used in new[] { trained, evaluated })
        {
            var perGroup = used.t().ne(0).to(ScalarType.Int32).view(16, 8, 4).sum(-1);
            Assert.True(perGroup.eq(2).all().item<bool>(), "a group does not use exactly two weights");
        }
        Assert.True(Same(trained, evaluated));
    }

    [Fact]
    public void The_dense_weight_gets_the_straight_through_gradient_and_the_masked_decay_on_the_pruned_weights()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var weight = randn(8, 12, generator: new Generator(7));
        using var layer = new TwoFourLinear(weight, zeros(8));
        layer.train();
        var x = randn(5, 12, generator: new Generator(8));
        var upstream = randn(5, 8, generator: new Generator(9));

        (layer.forward(x) * upstream).sum().backward();
        var straightThrough = layer.Weight.grad!.clone();
        layer.AddMaskedDecay(0.01);

        // dL/d(W ⊙ M) = upstreamᵀ x, passed to W unmasked (nonzero where M is 0 too), plus 0.01 (1 − M) ⊙ W.
        var mask = layer.LastMask()!;
        var expected = upstream.t().mm(x);
        Assert.True(Gap(straightThrough, expected) < 1e-5, "the gradient reaching W is not the straight-through one");
        Assert.True((straightThrough * (1 - mask)).abs().sum().item<float>() > 0, "the pruned weights got no gradient");
        Assert.True(Gap(layer.Weight.grad!, expected + 0.01 * (1 - mask) * weight) < 1e-5, "the masked decay is not 0.01 (1 - M) W");
    }

    [Fact]
    public void Unmasked_the_layer_is_the_dense_linear_and_adds_no_decay()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var weight = randn(8, 12, generator: new Generator(10));
        var bias = randn(8, generator: new Generator(11));
        using var layer = new TwoFourLinear(weight, bias) { Masked = false };
        layer.train();
        var x = randn(5, 12, generator: new Generator(12));

        var y = layer.forward(x);
        Assert.True(Same(nn.functional.linear(x, weight, bias), y));

        y.sum().backward();
        var gradient = layer.Weight.grad!.clone();
        layer.AddMaskedDecay(0.5);
        Assert.True(Same(gradient, layer.Weight.grad!), "the dense phase decayed weights");
    }

    [Fact]
    public void The_flip_rate_is_zero_for_an_unchanged_weight_and_the_changed_fraction_after_a_hand_made_change()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        // Four groups of four: 16 mask entries.
        var weight = tensor(new float[] { 4, 3, 2, 1, 1, 2, 3, 4, -5, 1, 5, 0, 0.1f, 0.2f, 0.3f, 0.4f }, [2, 8]);
        using var layer = new TwoFourLinear(weight, null);
        layer.train();
        var x = ones(1, 8);

        layer.forward(x);
        Assert.Null(layer.FlipRate);
        layer.forward(x);
        Assert.Equal(0.0, layer.FlipRate);

        // The first group [4 3 2 1] (mask 1 1 0 0) becomes [4 1 2 3] (mask 1 0 0 1): two of 16 entries flip.
        using (no_grad())
            layer.Weight.narrow(0, 0, 1).narrow(1, 0, 4).copy_(tensor(new float[] { 4, 1, 2, 3 }, [1, 4]));
        layer.forward(x);
        Assert.Equal(2.0 / 16, layer.FlipRate);

        // Evaluation forwards use the current mask but leave the record alone.
        layer.eval();
        layer.forward(x);
        Assert.Equal(2.0 / 16, layer.FlipRate);
    }

    [Fact]
    public void Masked_it_reports_half_the_dense_forward_flops_per_position_and_a_dense_backward()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var layer = new TwoFourLinear(zeros(256, 64), zeros(256));
        Assert.Equal(64 * 256, layer.ForwardFlopsPerPosition);
        Assert.Equal(4 * 64 * 256, ((Bench.Contracts.ILayerFlops)layer).BackwardFlopsPerPosition);
        layer.Masked = false;
        Assert.Equal(2 * 64 * 256, layer.ForwardFlopsPerPosition);
        Assert.Equal(4 * 64 * 256, ((Bench.Contracts.ILayerFlops)layer).BackwardFlopsPerPosition);
    }

    [Fact]
    public void A_weight_whose_inputs_are_not_a_multiple_of_four_is_refused()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => new TwoFourLinear(zeros(4, 6), null));
    }
}
