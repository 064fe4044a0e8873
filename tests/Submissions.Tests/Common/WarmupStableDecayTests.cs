using Bench.Submissions.Common;

namespace Bench.Submissions.Tests.Common;

public class WarmupStableDecayTests
{
    // Horizon 100, 10 warmup steps, 20% cooldown: constant from step 10 to 79, then (100 - step) / 20.
    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(9, 1.0)]
    [InlineData(50, 1.0)]
    [InlineData(79, 1.0)]
    [InlineData(80, 1.0)]    // (100 - 80) / 20
    [InlineData(90, 0.5)]
    [InlineData(99, 0.05)]
    [InlineData(100, 0.0)]
    [InlineData(120, 0.0)]
    public void Constant_then_linear_cooldown(long step, double expected) =>
        Assert.Equal(expected, WarmupStableDecay.Factor(step, 100, 10, 0.2), 9);
}
