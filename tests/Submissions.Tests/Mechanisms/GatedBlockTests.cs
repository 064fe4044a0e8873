using Bench.Submissions.Mechanisms;
using Bench.Tests.Shared;
using Bench.Workloads.Common;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Mechanisms;

/// <summary>The gated block: the identity at gate 0 (the block not run), the block at 1, the residual contribution scaled between.</summary>
public class GatedBlockTests
{
    [Fact]
    public void At_gate_zero_it_is_exactly_the_identity_and_the_block_gets_no_gradient()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var gated = new GatedBlock(new TransformerBlock(16, 2));
        var x = randn(2, 5, 16, requires_grad: true);

        var y = gated.forward(x);
        y.sum().backward();

        Assert.False(gated.Active);
        Assert.True(y.eq(x).all().item<bool>());
        Assert.All(gated.parameters(), p => Assert.Null(p.grad));
        Assert.True(x.grad!.eq(1).all().item<bool>());
    }

    [Fact]
    public void At_gate_one_it_is_the_block_and_between_it_scales_what_the_block_adds()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        manual_seed(2);
        var block = new TransformerBlock(16, 2);
        using var gated = new GatedBlock(block);
        var x = randn(2, 5, 16);
        var full = block.forward(x);

        gated.Gate = 1;
        Assert.True(gated.forward(x).eq(full).all().item<bool>());
        gated.Gate = 0.25;
        Assert.True(gated.forward(x).allclose(x + 0.25 * (full - x), rtol: 1e-5, atol: 1e-6));
        Assert.False(gated.forward(x).allclose(full, rtol: 1e-3, atol: 1e-3));
        Assert.Throws<ArgumentOutOfRangeException>(() => gated.Gate = 1.5);
    }

    [Fact]
    public void It_lists_the_blocks_layers_under_its_block_child()
    {
        _ = TorchFixture.Cpu;
        using var gated = new GatedBlock(new TransformerBlock(16, 2));
        Assert.Equal(["block.qkv", "block.projection", "block.expand", "block.contract"], gated.Layers.Select(l => l.Name));
        Assert.Contains("block.qkv.weight", gated.named_parameters().Select(p => p.name));
    }
}
