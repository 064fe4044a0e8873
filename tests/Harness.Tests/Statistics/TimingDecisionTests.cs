using Bench.Harness.Statistics;

namespace Bench.Harness.Tests.Statistics;

public class TimingDecisionTests
{
    static readonly double[] Baseline = [10.0, 10.1, 9.9, 10.05, 9.95];

    static double[] Times(double factor) => [.. Baseline.Select(t => t * factor)];

    [Fact]
    public void A_clear_regression_is_slower()
    {
        // Candidate ×1.2: every candidate time exceeds every baseline time + 5% of the median (0.5 s), and + the 0.5 s
        // noise floor: U = 25 of 25, exact p = 1/252 < 0.05 in both tests.
        var decision = TimingDecision.Compare(Baseline, Times(1.2));
        Assert.Equal(TimingConclusion.Slower, decision.Conclusion);
        Assert.Equal(1.0 / 252, decision.PSlower, 12);
        Assert.Equal(1.2, decision.Ratio, 12);
    }

    [Fact]
    public void Within_the_relative_threshold_is_same_and_a_clear_gain_is_faster()
    {
        Assert.Equal(TimingConclusion.Same, TimingDecision.Compare(Baseline, Times(1.03)).Conclusion);
        Assert.Equal(TimingConclusion.Faster, TimingDecision.Compare(Baseline, Times(0.8)).Conclusion);
    }

    [Fact]
    public void The_noise_floor_keeps_tiny_absolute_changes_same()
    {
        // 30% slower, but 0.06 s on 0.2 s trials is below the 0.5 s noise floor.
        double[] fast = [0.20, 0.21, 0.19, 0.205, 0.195];
        Assert.Equal(TimingConclusion.Same, TimingDecision.Compare(fast, [.. fast.Select(t => t * 1.3)]).Conclusion);
        Assert.Equal(TimingConclusion.Slower, TimingDecision.Compare(fast, [.. fast.Select(t => t * 1.3)], noiseSeconds: 0.01).Conclusion);
    }

    [Fact]
    public void Too_few_samples_are_unknown()
    {
        Assert.Equal(TimingConclusion.Unknown, TimingDecision.Compare([1, 2, 3, 4], [5, 6, 7, 8]).Conclusion);
    }
}
