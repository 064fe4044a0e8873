using Bench.Submissions.Mechanisms;
using Bench.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Mechanisms;

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
}
