namespace Bench.Harness.Statistics;

/// <summary>
/// Student's t distribution with <c>df</c> degrees of freedom, through the regularized incomplete
/// beta function: for t ≥ 0, P(T ≤ t) = 1 − ½·I_{df/(df+t²)}(df/2, ½), and symmetric for t &lt; 0.
/// </summary>
public static class StudentT
{
    /// <summary>P(T ≤ <paramref name="t"/>).</summary>
    public static double Cdf(double t, double df)
    {
        if (double.IsNaN(t) || !(df > 0)) return double.NaN;
        if (double.IsPositiveInfinity(t)) return 1;
        if (double.IsNegativeInfinity(t)) return 0;
        var tail = 0.5 * SpecialFunctions.RegularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>Two-sided p-value of an observed <paramref name="t"/>: P(|T| ≥ |t|).</summary>
    public static double TwoSidedP(double t, double df) => 2 * Cdf(-Math.Abs(t), df);

    /// <summary>The t with P(T ≤ t) = <paramref name="p"/> (bisection on <see cref="Cdf"/>; exact to 1e-10).</summary>
    public static double Quantile(double p, double df)
    {
        if (!(p > 0 && p < 1) || !(df > 0)) return double.NaN;
        double low = -1e6, high = 1e6;
        for (var i = 0; i < 200 && high - low > 1e-12; i++)
        {
            var mid = (low + high) / 2;
            if (Cdf(mid, df) < p) low = mid; else high = mid;
        }
        return (low + high) / 2;
    }
}
