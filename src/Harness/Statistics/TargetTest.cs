using Bench.Contracts;

namespace Bench.Harness.Statistics;

/// <summary>
/// One-sided one-sample Student t-test that a group's mean final metric meets the target, as the
/// NanoGPT speedrun asks of a record (p &lt; 0.01 over many seeds). H0: the mean does not meet the
/// target (mean ≤ target for higher-is-better metrics, ≥ for lower-is-better); H1: it does.
/// t = (mean − target)/(s/√n) with the sign flipped for lower-is-better, df = n − 1, p = P(T ≥ t).
/// </summary>
/// <remarks>
/// Trials stop at the first evaluation that meets the target, so a reached trial's final metric is at
/// or past the target by construction and p is small almost automatically; the test earns its keep on
/// groups with misses, whose final metric counts as it is. A NaN final metric (a diverged trial)
/// cannot support the claim, so any NaN gives p = 1.
/// </remarks>
public sealed record TargetTest(int Count, double Mean, double StandardDeviation, double T, double PValue)
{
    /// <summary>The speedrun's bar for a record.</summary>
    public const double RecordAlpha = 0.01;

    /// <summary>True when the target is met at the record level (p &lt; 0.01).</summary>
    public bool MeetsTarget => PValue < RecordAlpha;

    /// <summary>Tests <paramref name="finalMetrics"/> against <paramref name="target"/> in <paramref name="direction"/>.</summary>
    public static TargetTest Run(IReadOnlyList<double> finalMetrics, double target, MetricDirection direction)
    {
        var n = finalMetrics.Count;
        if (n == 0) return new(0, double.NaN, double.NaN, double.NaN, double.NaN);
        if (finalMetrics.Any(double.IsNaN)) return new(n, double.NaN, double.NaN, double.NaN, 1);
        var mean = finalMetrics.Average();
        var sd = n > 1 ? Math.Sqrt(finalMetrics.Sum(v => (v - mean) * (v - mean)) / (n - 1)) : double.NaN;
        var margin = direction == MetricDirection.Higher ? mean - target : target - mean;
        if (n < 2) return new(n, mean, sd, double.NaN, double.NaN);
        if (sd == 0)
            // No spread: the sample says it exactly; strictly past the target is certain, at or short of it never passes.
            return new(n, mean, sd, margin > 0 ? double.PositiveInfinity : double.NegativeInfinity, margin > 0 ? 0 : 1);
        var t = margin / (sd / Math.Sqrt(n));
        return new(n, mean, sd, t, 1 - StudentT.Cdf(t, n - 1));
    }
}
