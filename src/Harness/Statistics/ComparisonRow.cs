using Bench.Harness.Results;

namespace Bench.Harness.Statistics;

/// <summary>One (workload, scale, submission) summarised over its seeds and compared with the baseline.</summary>
public sealed record ComparisonRow(
    string Workload,
    string Scale,
    string Submission,
    string Paper,
    int Seeds,
    int Reached,
    double MedianSeconds,
    double MedianSteps,
    double SecondsIqrLow,
    double SecondsIqrHigh,
    SpeedupEstimate TimeSpeedup,
    SpeedupEstimate StepSpeedup,
    string Cpu)
{
    /// <summary>
    /// Groups <paramref name="records"/> by (workload, scale, submission) and compares each group
    /// with the rows of <paramref name="baselineId"/> for the same workload and scale.
    /// </summary>
    public static IReadOnlyList<ComparisonRow> Build(IEnumerable<TrialRecord> records, string baselineId)
    {
        var all = records.ToList();
        var rows = new List<ComparisonRow>();
        foreach (var group in all.GroupBy(r => (r.Workload, r.Scale, r.Submission)).OrderBy(g => g.Key.Workload).ThenBy(g => g.Key.Scale)
                     .ThenBy(g => g.Key.Submission == baselineId ? "" : g.Key.Submission, StringComparer.Ordinal))
        {
            var baseline = all.Where(r => r.Workload == group.Key.Workload && r.Scale == group.Key.Scale && r.Submission == baselineId).ToList();
            var times = group.Select(r => r.TimeToTargetSeconds).ToList();
            var steps = group.Select(r => r.StepsToTarget).ToList();
            rows.Add(new ComparisonRow(
                group.Key.Workload, group.Key.Scale, group.Key.Submission, group.First().Paper,
                Seeds: group.Count(),
                Reached: group.Count(r => r.Reached),
                MedianSeconds: Descriptive.Median(times),
                MedianSteps: Descriptive.Median(steps),
                SecondsIqrLow: Descriptive.Quantile(times, 0.25),
                SecondsIqrHigh: Descriptive.Quantile(times, 0.75),
                TimeSpeedup: SpeedupEstimate.Estimate(baseline.Select(r => r.TimeToTargetSeconds).ToList(), times),
                StepSpeedup: SpeedupEstimate.Estimate(baseline.Select(r => r.StepsToTarget).ToList(), steps),
                Cpu: string.Join("; ", group.Select(r => $"{r.Cpu} x{r.Threads}").Distinct())));
        }
        return rows;
    }
}
