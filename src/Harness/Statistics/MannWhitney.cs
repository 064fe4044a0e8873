namespace Bench.Harness.Statistics;

/// <summary>
/// One-sided Mann-Whitney U test that <c>x</c> is stochastically greater than <c>y + shift</c>, as
/// R's <c>wilcox.test(x, y, mu = shift, alternative = "greater")</c> and Perfolizer's
/// <c>MannWhitneyTest.IsGreater</c>, which dotnet/performance's ResultsComparer uses. Ranks are
/// midranks (ties share the mean rank), U_x = R_x − n(n+1)/2. For n + m ≤ 50 the p-value is exact:
/// the share of the C(n+m, n) equally likely rank assignments whose x-rank sum is at least the observed
/// one, counted by dynamic programming over doubled midranks, so ties are handled exactly too.
/// Larger samples use the normal approximation with tie-corrected variance
/// σ² = nm/12 · ((N+1) − Σ(t³−t)/(N(N−1))) and a continuity correction of ½.
/// </summary>
public static class MannWhitney
{
    /// <summary>Largest n + m tested exactly (C(50, 25) ≈ 1.3e14 counts stay exact in doubles).</summary>
    public const int ExactLimit = 50;

    /// <summary>U of the first sample and P(U ≥ U_observed) under H0.</summary>
    public sealed record Result(double U, double PValue);

    /// <summary>Tests H1: <paramref name="x"/> &gt; <paramref name="y"/> + <paramref name="shift"/>.</summary>
    public static Result Greater(IReadOnlyList<double> x, IReadOnlyList<double> y, double shift = 0)
    {
        int n = x.Count, m = y.Count;
        if (n == 0 || m == 0) return new(double.NaN, double.NaN);
        var values = x.Concat(y.Select(v => v + shift)).ToArray();
        var doubledRanks = DoubledMidranks(values);
        long observed = 0;
        for (var i = 0; i < n; i++) observed += doubledRanks[i];
        var u = observed / 2.0 - n * (n + 1) / 2.0;
        var p = n + m <= ExactLimit ? ExactUpperTail(doubledRanks, n, observed) : NormalUpperTail(u, n, m, values);
        return new(u, p);
    }

    /// <summary>2 × midrank of each value (integers, so rank sums can index a table).</summary>
    static long[] DoubledMidranks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new long[values.Length];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]]) j++;
            // Positions i..j (0-based) share the midrank ((i+1) + (j+1)) / 2; doubled: i + j + 2.
            for (var k = i; k <= j; k++) ranks[order[k]] = i + j + 2;
            i = j + 1;
        }
        return ranks;
    }

    /// <summary>P(sum of n of the doubled ranks ≥ observed), all n-subsets equally likely.</summary>
    static double ExactUpperTail(long[] doubledRanks, int n, long observed)
    {
        var maxSum = doubledRanks.Sum();
        // ways[k, s] = number of k-subsets of the items seen so far with doubled-rank sum s.
        var ways = new double[n + 1, maxSum + 1];
        ways[0, 0] = 1;
        foreach (var r in doubledRanks)
            for (var k = n; k >= 1; k--)
                for (var s = maxSum; s >= r; s--)
                    ways[k, s] += ways[k - 1, s - r];
        double atLeast = 0, total = 0;
        for (var s = 0; s <= maxSum; s++)
        {
            total += ways[n, s];
            if (s >= observed) atLeast += ways[n, s];
        }
        return atLeast / total;
    }

    static double NormalUpperTail(double u, int n, int m, double[] values)
    {
        var count = n + m;
        var ties = values.GroupBy(v => v).Sum(g => Math.Pow(g.Count(), 3) - g.Count());
        var variance = n * (double)m / 12 * (count + 1 - ties / (count * (count - 1.0)));
        return NormalUpperTail(u, n, m, variance);
    }

    /// <summary>P(U ≥ u) by the normal approximation with continuity correction, for a given variance of U.</summary>
    internal static double NormalUpperTail(double u, int n, int m, double variance)
    {
        if (variance <= 0) return u >= n * m / 2.0 ? 1 : 0;
        var z = (u - 0.5 - n * m / 2.0) / Math.Sqrt(variance);
        return 1 - SpecialFunctions.NormalCdf(z);
    }
}
