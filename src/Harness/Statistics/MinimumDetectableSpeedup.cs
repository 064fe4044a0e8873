namespace Bench.Harness.Statistics;

/// <summary>
/// The smallest speedup a comparison of two arms of <c>n</c> seeds each can tell from noise: a two-sample t-test on log
/// times (or steps) at two-sided level alpha with the given power, from the seed-to-seed standard deviation of the log
/// measurements. MDS = exp((t_{1-alpha/2, 2n-2} + t_{power, 2n-2}) * sigma * sqrt(2/n)).
/// </summary>
public static class MinimumDetectableSpeedup
{
    /// <summary>The MDS for arms of <paramref name="seeds"/> seeds with log-scale standard deviation <paramref name="logSd"/>.</summary>
    public static double Of(double logSd, int seeds, double alpha = 0.05, double power = 0.8)
    {
        if (seeds < 2) return double.PositiveInfinity;
        if (!(logSd >= 0)) return double.NaN;
        var df = 2.0 * seeds - 2;
        return Math.Exp((StudentT.Quantile(1 - alpha / 2, df) + StudentT.Quantile(power, df)) * logSd * Math.Sqrt(2.0 / seeds));
    }

    /// <summary>The sample standard deviation of the logs of <paramref name="values"/> (NaN with fewer than 2, or any miss).</summary>
    public static double LogSd(IReadOnlyList<double> values)
    {
        if (values.Count < 2 || values.Any(v => !(v > 0) || double.IsInfinity(v))) return double.NaN;
        var logs = values.Select(v => Math.Log(v)).ToList();
        var mean = logs.Average();
        return Math.Sqrt(logs.Sum(l => (l - mean) * (l - mean)) / (logs.Count - 1));
    }

    /// <summary>The fewest seeds per arm (up to <paramref name="maxSeeds"/>) whose MDS is at most <paramref name="goal"/>; null if none.</summary>
    public static int? SeedsFor(double logSd, double goal, int maxSeeds = 50)
    {
        for (var n = 2; n <= maxSeeds; n++) if (Of(logSd, n) <= goal) return n;
        return null;
    }
}
