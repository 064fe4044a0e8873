using Bench.Submissions.Common;

namespace Bench.Submissions.Tests.Common;

public class WarmupCosineTests
{
    [Theory]
    [InlineData(0, 0.1)]    // warmup: (0 + 1) / 10
    [InlineData(4, 0.5)]    // (4 + 1) / 10
    [InlineData(9, 1.0)]    // last warmup step reaches the peak
    [InlineData(10, 1.0)]   // cosine starts at t = 0
    [InlineData(55, 0.5)]   // t = 45 / 90 = 0.5: 0.5 * (1 + cos(pi / 2))
    [InlineData(100, 0.0)]  // t = 1: zero at the horizon
    [InlineData(250, 0.0)]  // and after it
    public void Golden_values_with_ten_warmup_steps_and_a_horizon_of_100(long step, double expected) =>
        Assert.Equal(expected, WarmupCosine.Factor(step, horizon: 100, warmupSteps: 10), 12);

    [Fact]
    public void Without_warmup_the_first_step_is_at_the_peak_and_a_quarter_way_is_cos_pi_over_4() =>
        Assert.Equal([1.0, 0.5 * (1 + Math.Cos(Math.PI / 4))], [WarmupCosine.Factor(0, 100, 0), WarmupCosine.Factor(25, 100, 0)]);

    [Fact]
    public void A_negative_step_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WarmupCosine.Factor(-1, 100, 0));
}
