namespace Bench.Harness.Statistics;

/// <summary>
/// Fraction of speedup recovered (FSR), the metric of the Automated LLM Speedrunning Benchmark
/// (Zhao et al. 2025, arXiv:2506.22419, Eq. 1): FSR = (t_i − t′) / (t_i − t_{i+1}), where t_i is the
/// starting point's time (our baseline), t_{i+1} the record being reproduced (the paper's claim) and
/// t′ the reproduction's time. With speedups s = t_i / t this is (1 − 1/s_measured) / (1 − 1/s_claimed):
/// 1 recovers the whole claimed gain, 0 none, below 0 is slower than the baseline, above 1 beats the claim.
/// </summary>
public static class SpeedupRecovered
{
    /// <summary>FSR of <paramref name="measured"/> against <paramref name="claimed"/>; NaN without a claim or for a claim of 1x (no gain to recover).</summary>
    public static double Fraction(double measured, double? claimed)
    {
        if (claimed is not double c || !(c > 0) || c == 1 || double.IsNaN(measured) || !(measured >= 0)) return double.NaN;
        // A measured 0x (the candidate's median missed the target) is infinitely slow: FSR -inf.
        var lostFraction = measured == 0 ? double.NegativeInfinity : 1 - 1 / measured;
        return lostFraction / (1 - 1 / c);
    }
}
