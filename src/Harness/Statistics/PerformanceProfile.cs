namespace Bench.Harness.Statistics;

/// <summary>
/// AlgoPerf performance profiles and the area score (Dahl et al. 2023, mlcommons/algorithmic-efficiency
/// <c>scoring/performance_profile.py</c>). For a submission, r_w = its time-to-target on workload w over
/// the reference time on w (a miss, or a workload it did not run, is +infinity);
/// ρ(τ) = |{w : r_w ≤ τ}| / |W| over all reference workloads W. As AlgoPerf scores, τ runs over 100
/// evenly spaced points from 1 to 4, the profile is integrated with the trapezoid rule and divided by
/// the width 3, so a submission at or under the reference everywhere scores 1 and one that never
/// comes within 4x scores 0.
/// </summary>
/// <remarks>
/// AlgoPerf divides by the best submission per workload; here the denominator is a frozen reference
/// (<c>results/reference/profile-reference.csv</c>, the baseline's medians), so adding a submission
/// never moves anyone else's score. A ratio below 1 counts as 1: the profile rewards reaching the
/// target reliably on many workloads; the geometric-mean speedup shows by how much.
/// </remarks>
public static class PerformanceProfile
{
    /// <summary>AlgoPerf's τ range and resolution.</summary>
    public const double MinTau = 1, MaxTau = 4;
    public const int Points = 100;

    /// <summary>The τ grid: 100 points evenly spaced over [1, 4].</summary>
    public static IReadOnlyList<double> Taus { get; } =
        [.. Enumerable.Range(0, Points).Select(i => MinTau + (MaxTau - MinTau) * i / (Points - 1))];

    /// <summary>ρ(τ): the fraction of <paramref name="workloadCount"/> workloads whose ratio is at most τ.</summary>
    public static double Rho(IEnumerable<double> ratios, int workloadCount, double tau) =>
        workloadCount == 0 ? double.NaN : ratios.Count(r => r <= tau) / (double)workloadCount;

    /// <summary>ρ at every point of <see cref="Taus"/>.</summary>
    public static IReadOnlyList<double> Curve(IReadOnlyList<double> ratios, int workloadCount) =>
        [.. Taus.Select(t => Rho(ratios, workloadCount, t))];

    /// <summary>The normalised area under the profile, in [0, 1].</summary>
    public static double Area(IReadOnlyList<double> ratios, int workloadCount)
    {
        var rho = Curve(ratios, workloadCount);
        var area = 0.0;
        for (var i = 1; i < Points; i++) area += (Taus[i] - Taus[i - 1]) * (rho[i] + rho[i - 1]) / 2;
        return area / (MaxTau - MinTau);
    }
}
