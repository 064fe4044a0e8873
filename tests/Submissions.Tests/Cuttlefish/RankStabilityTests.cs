using Bench.Submissions.Cuttlefish;

namespace Bench.Submissions.Tests.Cuttlefish;

/// <summary>The switch rule on hand-made rank curves (window 15 and threshold 0.1 unless said: the reference's).</summary>
public class RankStabilityTests
{
    [Fact]
    public void The_slope_is_numpys_gradient_of_the_moving_average_averaged_over_the_last_eleven_points()
    {
        // Window 1: the average is the curve; gradient of [0, 0, 1, 1] = [0, 0.5, 0.5, 0], mean 0.25.
        Assert.Equal(0.25, RankStability.MeanRecentSlope([0, 0, 1, 1], 1), 12);
        // Window 3, weight 2/4: EMA [0, 0, 0.5, 0.75], gradient [0, 0.25, 0.375, 0.25], mean 0.21875.
        Assert.Equal(0.21875, RankStability.MeanRecentSlope([0, 0, 1, 1], 3), 12);
        // Only the last 11 slopes count: a jump long ago (window 1) leaves them all zero.
        Assert.Equal(0, RankStability.MeanRecentSlope([5, 9, .. Enumerable.Repeat(9, 12)], 1), 12);
    }

    [Fact]
    public void Constant_ranks_are_stable_at_the_window_th_check_and_not_before()
    {
        var stability = new RankStability(layers: 3, window: 15, threshold: 0.1);
        for (var check = 0; check < 15; check++)
            Assert.False(stability.Observe([7, 3, 12]), $"stable at check {check}, before the window of 15 checks");
        Assert.True(stability.Observe([7, 3, 12]));
        Assert.Equal(16, stability.Checks);
    }

    [Fact]
    public void Ranks_that_keep_falling_never_switch()
    {
        var stability = new RankStability(layers: 3, window: 15, threshold: 0.1);
        for (var check = 0; check < 60; check++)
            Assert.False(stability.Observe([100 - check, 100 - check, 100 - check]), $"switched at check {check} while every rank falls by 1 a check");
        Assert.All(stability.Stable, Assert.False);
    }

    [Fact]
    public void Ranks_that_settle_switch_only_after_their_smoothed_slope_falls_below_the_threshold()
    {
        var stability = new RankStability(layers: 3, window: 15, threshold: 0.1);
        // Falling by 1 a check for 30 checks, then flat: the moving average keeps sliding for a while after.
        var curve = Enumerable.Range(0, 80).Select(i => 60 - Math.Min(i, 30)).ToList();
        var switchedAt = -1;
        for (var check = 0; check < curve.Count && switchedAt < 0; check++)
            if (stability.Observe([curve[check], curve[check], curve[check]])) switchedAt = check;
        Assert.True(switchedAt > 30, $"switched at check {switchedAt}, before the ranks stopped falling at check 30");
        // From then on the rule's own slope is at most the threshold, and one check earlier it was not.
        Assert.True(RankStability.MeanRecentSlope(curve.Take(switchedAt + 1).ToList(), 15) <= 0.1);
        Assert.True(RankStability.MeanRecentSlope(curve.Take(switchedAt).ToList(), 15) > 0.1);
    }

    [Fact]
    public void The_threshold_relaxes_when_one_layer_is_left_so_a_slow_straggler_does_not_hold_the_switch()
    {
        var stability = new RankStability(layers: 3, window: 15, threshold: 0.1);
        // Two constant layers and one that rises by 1 every 4 checks (a smoothed slope near 0.2 a check).
        for (var check = 0; check < 15; check++) stability.Observe([10, 10, 20 + check / 4]);
        Assert.False(stability.Observe([10, 10, 20 + 15 / 4]));
        Assert.Equal([true, true, false], stability.Stable);
        // With one unstable layer left, the bound is 0.1 x 2 x 2.5 = 0.5.
        Assert.True(stability.Observe([10, 10, 20 + 16 / 4]));
    }
}
