namespace Bench.Harness.Statistics;

/// <summary>Order statistics that treat a missed target as +infinity, so misses push medians up instead of vanishing.</summary>
public static class Descriptive
{
    /// <summary>Median (mean of the two middle values for even counts); NaN for an empty list.</summary>
    public static double Median(IReadOnlyList<double> values) => Quantile(values, 0.5);

    /// <summary>Linear-interpolation quantile (type 7, as numpy's default); infinities propagate.</summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        if (lower == upper || sorted[lower] == sorted[upper]) return sorted[lower];
        if (double.IsPositiveInfinity(sorted[upper])) return double.PositiveInfinity;
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    /// <summary>
    /// Geometric mean, the right average for ratios such as speedups (a 2x and a 0.5x cancel out).
    /// A zero (a speedup whose candidate missed) makes it 0; an empty or NaN-containing list gives NaN.
    /// </summary>
    public static double GeometricMean(IReadOnlyList<double> values)
    {
        if (values.Count == 0 || values.Any(v => double.IsNaN(v) || v < 0)) return double.NaN;
        if (values.Any(v => v == 0)) return 0;
        return Math.Exp(values.Average(Math.Log));
    }
}
