using Bench.Micro.Sparsity24;
using Bench.Submissions.Mechanisms;
using Bench.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Micro.Tests.Sparsity24;

public class SparseFfnTests
{
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
