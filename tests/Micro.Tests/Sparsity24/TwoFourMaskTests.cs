using Bench.Micro.Sparsity24;
using Bench.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Micro.Tests.Sparsity24;

public class TwoFourMaskTests
{
    [Fact]
    public void KeepsExactlyTwoOfEveryFour()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var weight = randn(16, 32, generator: new Generator(1));
        var mask = TwoFourMask.For(weight);
        var perGroup = mask.view(16, 8, 4).sum(-1);
        Assert.True(perGroup.eq(2).all().item<bool>());
        Assert.True(mask.eq(0).logical_or(mask.eq(1)).all().item<bool>());
    }

    [Fact]
    public void KeepsTheTwoLargestMagnitudes()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var weight = tensor(new float[] { 0.1f, -3f, 2f, 0.5f, -1f, 0f, 0.2f, 4f }, [1, 8]);
        var mask = TwoFourMask.For(weight).data<float>().ToArray();
        Assert.Equal(new float[] { 0, 1, 1, 0, 1, 0, 0, 1 }, mask);
    }

    [Fact]
    public void MaskedFfnEqualsDenseFfnWithPrunedWeights()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var ffn = new SparseFfn(width: 16);
        var x = randn(5, 16, generator: new Generator(2));
        ffn.Prune();
        var masked = ffn.forward(x);
        var (expand, contract) = ffn.Layers;
        using (no_grad())
        {
            expand.weight!.mul_(TwoFourMask.For(expand.weight!));
            contract.weight!.mul_(TwoFourMask.For(contract.weight!));
        }
        var pruned = contract.forward(nn.functional.gelu(expand.forward(x)));
        Assert.True(masked.allclose(pruned, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void GradientReachesOnlyKeptWeights()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var ffn = new SparseFfn(width: 8);
        ffn.Prune();
        ffn.forward(randn(4, 8, generator: new Generator(3))).sum().backward();
        var expand = ffn.Layers.Expand.weight!;
        var dropped = TwoFourMask.For(expand).eq(0);
        Assert.Equal(0f, expand.grad!.masked_select(dropped).abs().sum().item<float>());
    }
}
