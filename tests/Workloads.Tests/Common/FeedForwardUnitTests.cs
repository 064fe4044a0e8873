using Bench.Contracts;
using Bench.Tests.Shared;
using Bench.Workloads.Common;
using Bench.Workloads.TinyShakespeare;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Workloads.Tests.Common;

/// <summary>A transformer block's MLP replaced as one unit (<see cref="IReplaceableLayers.Composites"/>), as a mixture of experts is.</summary>
public class FeedForwardUnitTests
{
    /// <summary>Runs the module it wraps: the same map, one level deeper in the module tree.</summary>
    sealed class Wrapper : nn.Module<Tensor, Tensor>
    {
        readonly nn.Module<Tensor, Tensor> inner;

        public Wrapper(nn.Module<Tensor, Tensor> inner) : base(nameof(Wrapper))
        {
            this.inner = inner;
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => inner.forward(x);
    }

    [Fact]
    public void Each_blocks_mlp_is_listed_as_a_unit_but_not_among_the_layers_so_nothing_is_counted_twice()
    {
        _ = TorchFixture.Cpu;
        using var model = new CharGpt(vocabulary: 10, context: 8, width: 16, layers: 2, heads: 2);
        var units = ((IReplaceableLayers)model).Composites;
        Assert.Equal(["blocks.0.feedForward", "blocks.1.feedForward"], units.Select(u => u.Name));
        var unit = units[0];
        Assert.Equal((LayerKind.FeedForward, LayerRole.FeedForward, 16, 16, 64, 8.0),
            (unit.Kind, unit.Role, unit.Inputs, unit.Outputs, unit.Hidden, unit.PositionsPerExample));
        Assert.IsType<DenseFeedForward>(unit.Module);
        Assert.DoesNotContain(model.Layers, l => l.Name.EndsWith("feedForward", StringComparison.Ordinal));
        // The unit's dense cost is its two layers': 2 x 64 x (16 + 16) = 2 x 16 x 64 + 2 x 64 x 16.
        Assert.Equal(LayerFlops.DenseForwardPerPosition(model.Layers[2]) + LayerFlops.DenseForwardPerPosition(model.Layers[3]),
            LayerFlops.DenseForwardPerPosition(unit));
    }

    [Fact]
    public void Replacing_the_unit_puts_it_in_place_of_both_layers_computing_the_same_map_and_counting_the_same_flops()
    {
        _ = TorchFixture.Cpu;
        manual_seed(4);
        using var scope = NewDisposeScope();
        using var model = new CharGpt(vocabulary: 10, context: 8, width: 16, layers: 2, heads: 2);
        model.eval();
        var input = randint(0, 10, [2, 8]);
        using var noGrad = no_grad();
        var before = model.forward(input);
        var names = model.named_parameters().Select(p => p.name).ToList();
        var dense = LayerFlops.DenseForwardPerExample(model);
        var unit = model.Composites[1];
        var wrapper = new Wrapper(unit.Module);

        using var old = model.ReplaceLayer("blocks.1.feedForward", wrapper);

        Assert.IsType<DenseFeedForward>(old);
        Assert.True(before.allclose(model.forward(input)), "the wrapped MLP computes what the block's own did");
        Assert.Equal(["blocks.0.qkv", "blocks.0.projection", "blocks.0.expand", "blocks.0.contract", "blocks.1.qkv", "blocks.1.projection",
            "blocks.1.feedForward", "head"], model.Layers.Select(l => l.Name));
        Assert.Same(wrapper, model.Composites[1].Module);
        // blocks.1.expand.weight -> blocks.1.feedForward.inner.expand.weight, in the same place among the parameters.
        var expected = names.Select(n => n.StartsWith("blocks.1.expand", StringComparison.Ordinal)
                || n.StartsWith("blocks.1.contract", StringComparison.Ordinal)
            ? "blocks.1.feedForward.inner." + n["blocks.1.".Length..] : n);
        Assert.Equal(expected, model.named_parameters().Select(p => p.name));
        Assert.Equal(dense, LayerFlops.DenseForwardPerExample(model));
        Assert.Throws<ArgumentException>(() => model.ReplaceLayer("blocks.1.expand", nn.Linear(16, 64)));
    }

    [Fact]
    public void A_block_whose_unit_is_replaced_by_zero_is_attention_only()
    {
        _ = TorchFixture.Cpu;
        manual_seed(5);
        using var scope = NewDisposeScope();
        using var block = new TransformerBlock(16, 4);
        var x = randn(2, 5, 16);
        var zero = nn.Linear(16, 16);
        using (no_grad())
        {
            zero.weight!.zero_();
            zero.bias!.zero_();
        }
        var withMlp = block.forward(x);

        block.ReplaceLayer("feedForward", zero).Dispose();

        Assert.False(withMlp.allclose(block.forward(x)));
        using var noGrad = no_grad();
        block.ReplaceLayer("projection", ZeroOf(16)).Dispose();
        Assert.True(block.forward(x).eq(x).all().item<bool>(), "x + 0 + 0 must be x");
        Assert.Equal(["attentionNorm", "qkv", "projection", "mlpNorm", "feedForward"], block.named_children().Select(c => c.name));
    }

    static nn.Module<Tensor, Tensor> ZeroOf(int width)
    {
        var layer = nn.Linear(width, width);
        using (no_grad())
        {
            layer.weight!.zero_();
            layer.bias!.zero_();
        }
        return layer;
    }
}
