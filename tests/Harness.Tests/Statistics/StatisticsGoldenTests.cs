using Bench.Harness.Statistics;

namespace Bench.Harness.Tests.Statistics;

public class StatisticsGoldenTests
{
    const double Inf = double.PositiveInfinity;

    [Theory]
    [InlineData(new[] { 3.0, 1.0, 2.0 }, 2.0)]
    [InlineData(new[] { 4.0, 1.0, 2.0, 3.0 }, 2.5)]
    [InlineData(new[] { 1.0, 2.0, Inf }, 2.0)]
    [InlineData(new[] { 1.0, Inf, Inf }, Inf)]
    [InlineData(new[] { 1.0, 2.0, Inf, Inf }, Inf)]
    public void Median_treats_misses_as_infinite(double[] values, double expected) =>
        Assert.Equal(expected, Descriptive.Median(values));

    [Fact]
    public void Quantile_interpolates_linearly() =>
        // positions 0..4 over [10,20,30,40,50]: q=0.25 -> 20, q=0.1 -> 10 + 0.4*10
        Assert.Equal([20.0, 14.0], [Descriptive.Quantile([50, 10, 40, 20, 30], 0.25), Descriptive.Quantile([50, 10, 40, 20, 30], 0.1)]);

    [Fact]
    public void Speedup_is_the_ratio_of_medians_and_identical_samples_have_a_degenerate_interval()
    {
        var estimate = SpeedupEstimate.Estimate([10, 10, 10], [5, 5, 5]);
        Assert.Equal(new SpeedupEstimate(2, 2, 2), estimate);
    }

    [Fact]
    public void A_candidate_that_always_misses_has_zero_speedup()
    {
        Assert.Equal(0, SpeedupEstimate.Estimate([10, 12], [Inf, Inf]).Value);
    }

    [Fact]
    public void The_bootstrap_is_reproducible_and_brackets_the_estimate()
    {
        double[] baseline = [10, 11, 12, 13, 30];
        double[] candidate = [5, 6, 6, 7, 8];
        var a = SpeedupEstimate.Estimate(baseline, candidate, seed: 42);
        var b = SpeedupEstimate.Estimate(baseline, candidate, seed: 42);

        Assert.Equal(a, b);
        Assert.Equal(2.0, a.Value); // 12 / 6
        Assert.True(a.Lower <= a.Value && a.Value <= a.Upper);
        Assert.True(a.Lower >= 10.0 / 8 && a.Upper <= 30.0 / 5);
    }
}

public class BootstrapGoldenTests
{
    [Fact]
    public void Two_point_candidate_has_a_hand_computable_interval()
    {
        // Baseline always 10. Resampled candidate pairs from {4, 6}: (4,4) median 4 (p 1/4), mixed 5 (p 1/2), (6,6) 6 (p 1/4).
        // Ratios 2.5, 2, 1.667; with 2000 resamples the 2.5% and 97.5% quantiles land inside the 1/4 end masses:
        // CI = [10/6, 10/4] for any fixed seed; the point estimate is 10/5 = 2.
        var estimate = SpeedupEstimate.Estimate([10, 10, 10], [4, 6], seed: 0);
        Assert.Equal(new SpeedupEstimate(2, 10.0 / 6, 2.5), estimate);
    }
}
