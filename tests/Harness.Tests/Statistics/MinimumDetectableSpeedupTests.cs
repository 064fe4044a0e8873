using Bench.Harness.Statistics;

namespace Bench.Harness.Tests.Statistics;

public class MinimumDetectableSpeedupTests
{
    [Fact]
    public void Five_seeds_a_side_with_a_10_percent_log_spread_detect_about_1_22x()
    {
        // By hand: df = 8, t(0.975, 8) = 2.3060, t(0.80, 8) = 0.8889 (t tables); sum 3.1949;
        // x 0.1 x sqrt(2/5) = 0.20207; exp(0.20207) = 1.2239.
        Assert.Equal(1.2239, MinimumDetectableSpeedup.Of(0.1, 5), 3);
    }

    [Fact]
    public void More_seeds_or_less_spread_detect_smaller_speedups_and_one_seed_detects_nothing()
    {
        Assert.True(MinimumDetectableSpeedup.Of(0.1, 10) < MinimumDetectableSpeedup.Of(0.1, 5));
        Assert.True(MinimumDetectableSpeedup.Of(0.05, 5) < MinimumDetectableSpeedup.Of(0.1, 5));
        Assert.Equal(1.0, MinimumDetectableSpeedup.Of(0, 5));
        Assert.Equal(double.PositiveInfinity, MinimumDetectableSpeedup.Of(0.1, 1));
    }

    [Fact]
    public void The_log_spread_is_the_sample_sd_of_logs_and_a_miss_makes_it_unknown()
    {
        // ln 10 = 2.302585, ln 20 = 2.995732: mean 2.649159, sd = |difference| / sqrt(2) = 0.693147 / 1.414214 = 0.490129.
        Assert.Equal(0.490129, MinimumDetectableSpeedup.LogSd([10, 20]), 6);
        Assert.True(double.IsNaN(MinimumDetectableSpeedup.LogSd([10, double.PositiveInfinity])));
    }

    [Fact]
    public void Seeds_for_a_goal_is_the_smallest_count_that_meets_it()
    {
        var n = MinimumDetectableSpeedup.SeedsFor(0.1, 1.15)!.Value;
        Assert.True(MinimumDetectableSpeedup.Of(0.1, n) <= 1.15);
        Assert.True(MinimumDetectableSpeedup.Of(0.1, n - 1) > 1.15);
        Assert.Null(MinimumDetectableSpeedup.SeedsFor(2.0, 1.01, maxSeeds: 10));
    }
}
