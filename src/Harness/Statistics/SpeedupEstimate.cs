namespace Bench.Harness.Statistics;

/// <summary>Speedup = baseline median / candidate median, with a percentile-bootstrap 95% interval.</summary>
public sealed record SpeedupEstimate(double Value, double Lower, double Upper)
{
    /// <summary>Resamples used by <see cref="Estimate"/>.</summary>
    public const int Resamples = 2000;

    /// <summary>
    /// Estimates the speedup of <paramref name="candidate"/> over <paramref name="baseline"/> (times or
    /// steps; misses are +infinity, giving 0x when the candidate's median misses). Both samples are
    /// resampled independently with a fixed seed, so the same inputs always give the same interval.
    /// </summary>
    public static SpeedupEstimate Estimate(IReadOnlyList<double> baseline, IReadOnlyList<double> candidate, int seed = 0)
    {
        if (baseline.Count == 0 || candidate.Count == 0) return new(double.NaN, double.NaN, double.NaN);
        var value = Ratio(Descriptive.Median(baseline), Descriptive.Median(candidate));
        var random = new Random(seed);
        var ratios = new double[Resamples];
        var b = new double[baseline.Count];
        var c = new double[candidate.Count];
        for (var i = 0; i < Resamples; i++)
        {
            for (var j = 0; j < b.Length; j++) b[j] = baseline[random.Next(b.Length)];
            for (var j = 0; j < c.Length; j++) c[j] = candidate[random.Next(c.Length)];
            ratios[i] = Ratio(Descriptive.Median(b), Descriptive.Median(c));
        }
        return new(value, Descriptive.Quantile(ratios, 0.025), Descriptive.Quantile(ratios, 0.975));
    }

    /// <summary>baseline / candidate, with a missing candidate giving 0 and a missing baseline giving +inf.</summary>
    static double Ratio(double baseline, double candidate) =>
        double.IsPositiveInfinity(candidate) ? (double.IsPositiveInfinity(baseline) ? double.NaN : 0)
        : double.IsPositiveInfinity(baseline) ? double.PositiveInfinity
        : baseline / candidate;

    public override string ToString() =>
        double.IsNaN(Value) ? "n/a" : $"{Value:0.00}x [{Lower:0.00}, {Upper:0.00}]";
}
