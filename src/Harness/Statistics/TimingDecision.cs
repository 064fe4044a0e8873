namespace Bench.Harness.Statistics;

/// <summary>How a candidate's timings compare with the baseline's.</summary>
public enum TimingConclusion
{
    /// <summary>No difference beyond the thresholds could be shown.</summary>
    Same,
    /// <summary>The candidate is faster by more than the thresholds.</summary>
    Faster,
    /// <summary>The candidate is slower by more than the thresholds: a regression.</summary>
    Slower,
    /// <summary>Too few samples for the test (fewer than 3 on a side, or fewer than 5 on both).</summary>
    Unknown,
}

/// <summary>
/// The equivalence decision of dotnet/performance's ResultsComparer, on training times: two one-sided
/// Mann-Whitney tests (TOST) against a relative threshold, repeated against an absolute noise floor.
/// Faster when baseline &gt; candidate + threshold is significant, Slower when candidate &gt; baseline +
/// threshold is; a change counts only when both the relative threshold and the noise floor say so,
/// so a 6% swing on a 0.2 s trial stays Same. Perfolizer scales a relative threshold by each test's
/// first sample; here both tests use the baseline median, so the two directions are symmetric.
/// </summary>
public sealed record TimingDecision(TimingConclusion Conclusion, double BaselineMedian, double CandidateMedian, double PSlower, double PFaster)
{
    /// <summary>Candidate median / baseline median (above 1 is slower).</summary>
    public double Ratio => CandidateMedian / BaselineMedian;

    /// <summary>Compares <paramref name="candidate"/> with <paramref name="baseline"/> (seconds).</summary>
    public static TimingDecision Compare(IReadOnlyList<double> baseline, IReadOnlyList<double> candidate,
        double relativeThreshold = 0.05, double noiseSeconds = 0.5, double alpha = 0.05)
    {
        var baseMedian = Descriptive.Median(baseline);
        var candidateMedian = Descriptive.Median(candidate);
        if (Math.Min(baseline.Count, candidate.Count) < 3 || Math.Max(baseline.Count, candidate.Count) < 5)
            return new(TimingConclusion.Unknown, baseMedian, candidateMedian, double.NaN, double.NaN);

        var (conclusion, pSlower, pFaster) = Tost(baseline, candidate, relativeThreshold * baseMedian, alpha);
        var (noise, _, _) = Tost(baseline, candidate, noiseSeconds, alpha);
        return new(noise == TimingConclusion.Same ? TimingConclusion.Same : conclusion, baseMedian, candidateMedian, pSlower, pFaster);
    }

    static (TimingConclusion, double PSlower, double PFaster) Tost(IReadOnlyList<double> baseline, IReadOnlyList<double> candidate, double threshold,
        double alpha)
    {
        var slower = MannWhitney.Greater(candidate, baseline, threshold).PValue;
        var faster = MannWhitney.Greater(baseline, candidate, threshold).PValue;
        var conclusion = faster < alpha ? TimingConclusion.Faster : slower < alpha ? TimingConclusion.Slower : TimingConclusion.Same;
        return (conclusion, slower, faster);
    }
}
