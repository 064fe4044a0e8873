namespace Bench.Harness.Statistics;

/// <summary>
/// MLPerf Training's reference-convergence-point (RCP) check, with our baseline as the reference.
/// From the reference's convergence points (examples-to-target over seeds) MLPerf takes the olympic
/// mean and the population standard deviation (drop the fastest and the slowest run; numpy's
/// <c>np.std</c>, ddof = 0), then finds the smallest submission mean that a one-sided two-sample
/// Student t-test with pooled variance (both samples assumed to share the reference's s) at α = 0.05
/// does not call significantly faster; n_ref is the trimmed reference count, n_sub the number of
/// submission runs minus 2. mlperf_logging's rcp_checker finds that mean by bisection; solved in closed
/// form it is mean − t_{1−α, n_ref+n_sub−2} · s · √(1/n_ref + 1/n_sub). A submission whose olympic mean
/// lies below it converges implausibly fast against the reference's own spread.
/// </summary>
/// <remarks>
/// Sources: MLPerf Training rules, "Reference Convergence Points" and its appendix example
/// (reference [16,14,16,17,16,16,15,16,15,16], 5 submission runs: mean 15.75, s 0.43, allowed speedup
/// 3.53%, minimum mean 15.21 epochs); mlcommons/logging <c>rcp_checker.py</c> (olympic mean,
/// <c>_find_min_acceptable_mean</c>). MLPerf may reject such a submission; here the flag means
/// "audit this result" (for a method that cuts steps, a fast convergence is the point, but it must be
/// checked, e.g. for evaluation leaks), never "reject". A non-converged run counts as the slowest and is
/// the one trimmed; with more than one, MLPerf calls the set invalid and no check is made here either.
/// </remarks>
public sealed record ReferenceConvergence(double ReferenceMean, double ReferenceStdev, double MinimumMean, double SubmissionMean)
{
    /// <summary>MLPerf's significance level.</summary>
    public const double Alpha = 0.05;

    /// <summary>Largest speedup the reference's spread allows: reference mean / minimum mean.</summary>
    public double MaxSpeedup => ReferenceMean / MinimumMean;

    /// <summary>True when the submission converges implausibly fast: flag for audit.</summary>
    public bool Flagged => SubmissionMean < MinimumMean;

    /// <summary>Olympic mean and population stdev: drop one lowest and one highest value.</summary>
    public static (double Mean, double Stdev, int Count) Olympic(IReadOnlyList<double> values)
    {
        if (values.Count < 3) return (double.NaN, double.NaN, 0);
        var kept = values.Order().Skip(1).Take(values.Count - 2).ToArray();
        if (kept.Any(v => !double.IsFinite(v))) return (double.NaN, double.NaN, kept.Length);
        var mean = kept.Average();
        return (mean, Math.Sqrt(kept.Sum(v => (v - mean) * (v - mean)) / kept.Length), kept.Length);
    }

    /// <summary>The smallest acceptable submission mean for a reference (mean, stdev, trimmed count) and <paramref name="submissionRuns"/> runs.</summary>
    public static double MinimumAcceptableMean(double mean, double stdev, int referenceCount, int submissionRuns, double alpha = Alpha)
    {
        var submissionCount = submissionRuns - 2;
        if (stdev == 0) return mean;
        var df = referenceCount + submissionCount - 2;
        if (submissionCount < 1 || df < 1) return double.NaN;
        return mean - StudentT.Quantile(1 - alpha, df) * stdev * Math.Sqrt(1.0 / referenceCount + 1.0 / submissionCount);
    }

    /// <summary>The check for one submission, or null when either side has too few converged runs to judge.</summary>
    public static ReferenceConvergence? Check(IReadOnlyList<double> reference, IReadOnlyList<double> submission)
    {
        var (mean, stdev, count) = Olympic(reference);
        var (submissionMean, _, _) = Olympic(submission);
        if (double.IsNaN(mean) || double.IsNaN(submissionMean)) return null;
        var minimum = MinimumAcceptableMean(mean, stdev, count, submission.Count);
        return double.IsNaN(minimum) ? null : new(mean, stdev, minimum, submissionMean);
    }
}
