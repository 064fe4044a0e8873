using Bench.Harness.Statistics;

namespace Bench.Harness.Tests.Statistics;

public class PerformanceProfileTests
{
    const double Inf = double.PositiveInfinity;

    [Fact]
    public void The_grid_is_AlgoPerfs_100_points_from_1_to_4()
    {
        Assert.Equal(100, PerformanceProfile.Taus.Count);
        Assert.Equal((1.0, 4.0, 2.0), (PerformanceProfile.Taus[0], PerformanceProfile.Taus[99], PerformanceProfile.Taus[33]));
    }

    [Fact]
    public void Rho_counts_workloads_within_tau_and_misses_never_count()
    {
        double[] ratios = [0.8, 1.5, Inf];
        Assert.Equal(1.0 / 3, PerformanceProfile.Rho(ratios, 3, 1.0), 12);  // 0.8 ≤ 1
        Assert.Equal(2.0 / 3, PerformanceProfile.Rho(ratios, 3, 1.5), 12);
        Assert.Equal(2.0 / 3, PerformanceProfile.Rho(ratios, 3, 4.0), 12);
        Assert.Equal(2.0 / 4, PerformanceProfile.Rho(ratios, 4, 4.0), 12);  // a workload not run counts as a miss
    }

    [Theory]
    // τ_k = 1 + k/33. One workload at ratio 2.5: ρ = 1 from k = 50 (τ = 2.515) on; trapezoids of width 3/99:
    // 49 full + 1 half = 49.5 · 3/99 = 1.5, normalised by 3 → 0.5 (the exact integral, 4 − 2.5 = 1.5, agrees).
    [InlineData(new[] { 2.5 }, 1, 0.5)]
    // Ratio 2: ρ = 1 from k = 33 (τ = 2 exactly): 66 full + 1 half = 66.5 · 3/99 / 3 = 66.5/99 = 0.671717…
    // (the grid's trapezoid, not the exact 2/3: the score is AlgoPerf's, resolution included).
    [InlineData(new[] { 2.0 }, 1, 66.5 / 99)]
    [InlineData(new[] { 1.0, 0.5 }, 2, 1.0)]   // at or under the reference everywhere
    [InlineData(new[] { 1.0, Inf }, 2, 0.5)]   // ρ = 1/2 everywhere
    [InlineData(new[] { 0.8, 2.5 }, 2, 0.75)]  // 1/2 + 1/2 · 0.5
    [InlineData(new[] { 5.0 }, 1, 0.0)]        // never within 4x
    public void Area_score(double[] ratios, int workloads, double expected) =>
        Assert.Equal(expected, PerformanceProfile.Area(ratios, workloads), 12);

    [Theory]
    [InlineData(new[] { 2.0, 0.5 }, 1.0)]
    [InlineData(new[] { 2.0, 8.0 }, 4.0)]   // √16
    [InlineData(new[] { 2.0, 0.0 }, 0.0)]   // a miss (0x) sinks the average
    public void Geometric_mean_speedup(double[] speedups, double expected) =>
        Assert.Equal(expected, Descriptive.GeometricMean(speedups), 12);
}
