using Bench.Submissions.Lars;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Submissions.Tests.Lars;

public class LarsTests
{
    [Fact]
    public void Local_rate_is_the_trust_ratio()
    {
        // 0.001 * 4 / (2 + 0.0005 * 4) = 0.004 / 2.002
        Assert.Equal(0.004 / 2.002, LarsOptimizer.LocalRate(4, 2, 0.001, 5e-4), 15);
        Assert.Equal(1, LarsOptimizer.LocalRate(0, 2, 0.001, 5e-4));
    }

    [Theory]
    [InlineData(0, 0.1)]     // warmup (0+1)/10
    [InlineData(9, 1.0)]
    [InlineData(10, 1.0)]    // decay starts: (1 - 0)^2
    [InlineData(55, 0.25)]   // t = 45/90 = 0.5 -> 0.25
    [InlineData(100, 0.0)]
    public void Schedule_warms_up_then_decays_quadratically(long step, double expected) =>
        Assert.Equal(expected, LarsSubmission.Rate(step, horizon: 100, warmup: 10), 9);

    [Fact]
    public void A_step_moves_each_layer_by_its_trust_ratio_not_its_gradient_scale()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        var small = new TorchSharp.Modules.Parameter(torch.full(2, 2, 1f));
        var large = new TorchSharp.Modules.Parameter(torch.full(2, 2, 1f));
        using var lars = new LarsOptimizer([small, large], trust: 0.01, weightDecay: 0, momentum: 0);
        small.grad = torch.full(2, 2, 1e-3f);
        large.grad = torch.full(2, 2, 1e3f);
        lars.Step(rate: 1);
        // Both updates are 0.01 * ||w|| * g/||g|| = 0.01 * 2 * 0.5 = 0.01 per entry, whatever the gradient's size.
        Assert.Equal(0.99f, small.data<float>()[0], 5);
        Assert.Equal(0.99f, large.data<float>()[0], 5);
    }
}
