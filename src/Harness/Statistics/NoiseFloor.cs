using Bench.Harness.Results;

namespace Bench.Harness.Statistics;

/// <summary>
/// The seed-to-seed spread of one arm (the baseline of one run) and what it lets a comparison detect: coefficients of
/// variation and log-scale standard deviations of time- and steps-to-target, the minimum detectable speedup (MDS) at a
/// few seed counts, the seeds needed for the suite's goals (MDS at most 1.15x in steps and 1.20x in time), and an A/A
/// comparison of the even seeds against the odd ones, which should include 1.
/// </summary>
public sealed record NoiseFloor(
    string Workload,
    string Scale,
    string Run,
    int Seeds,
    int Reached,
    double MedianSeconds,
    double CvSeconds,
    double CvSteps,
    double LogSdSeconds,
    double LogSdSteps,
    SpeedupEstimate AaTime,
    SpeedupEstimate AaSteps)
{
    /// <summary>The goal on steps: a 1.15x speedup must be detectable.</summary>
    public const double StepsGoal = 1.15;

    /// <summary>The goal on time: a 1.20x speedup must be detectable.</summary>
    public const double TimeGoal = 1.20;

    /// <summary>MDS in time with <paramref name="seeds"/> seeds per arm.</summary>
    public double MdsSeconds(int seeds) => MinimumDetectableSpeedup.Of(LogSdSeconds, seeds);

    /// <summary>MDS in steps with <paramref name="seeds"/> seeds per arm.</summary>
    public double MdsSteps(int seeds) => MinimumDetectableSpeedup.Of(LogSdSteps, seeds);

    /// <summary>Fewest seeds per arm meeting both goals (null when 50 are not enough or a seed missed).</summary>
    public int? SeedsForGoals =>
        MinimumDetectableSpeedup.SeedsFor(LogSdSeconds, TimeGoal) is int time && MinimumDetectableSpeedup.SeedsFor(LogSdSteps, StepsGoal) is int steps
            ? Math.Max(time, steps)
            : null;

    /// <summary>The noise floor of <paramref name="rows"/> (one arm of one run); <paramref name="run"/> labels it.</summary>
    public static NoiseFloor Of(IReadOnlyList<TrialRecord> rows, string run)
    {
        if (rows.Count == 0) throw new ArgumentException("a noise floor needs rows", nameof(rows));
        var ordered = rows.OrderBy(r => r.Seed).ToList();
        var times = ordered.Select(r => r.TimeToTargetSeconds).ToList();
        var steps = ordered.Select(r => r.StepsToTarget).ToList();
        var even = ordered.Where(r => r.Seed % 2 == 0).ToList();
        var odd = ordered.Where(r => r.Seed % 2 != 0).ToList();
        return new(ordered[0].Workload, ordered[0].Scale, run, ordered.Count, ordered.Count(r => r.Reached),
            Descriptive.Median(times), Cv(times), Cv(steps),
            MinimumDetectableSpeedup.LogSd(times), MinimumDetectableSpeedup.LogSd(steps),
            SpeedupEstimate.Estimate([.. even.Select(r => r.TimeToTargetSeconds)], [.. odd.Select(r => r.TimeToTargetSeconds)]),
            SpeedupEstimate.Estimate([.. even.Select(r => r.StepsToTarget)], [.. odd.Select(r => r.StepsToTarget)]));
    }

    /// <summary>Sample standard deviation over mean; NaN with fewer than two values or a miss.</summary>
    public static double Cv(IReadOnlyList<double> values)
    {
        if (values.Count < 2 || values.Any(v => !double.IsFinite(v))) return double.NaN;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) / mean;
    }
}
