using Bench.Harness.Statistics;

namespace Bench.Repro.Publishing;

/// <summary>
/// Builds the leaderboard. For each scale, W is the set of workloads frozen in the profile reference;
/// a submission's time ratio on w is its median time-to-target over the reference's, using only rows
/// from the reference's machine (seconds from different machines do not compare); its steps ratio uses
/// the row with most seeds from any machine. A workload it was not measured on counts as a miss, as in
/// AlgoPerf, where every submission must run every workload.
/// </summary>
public static class Leaderboard
{
    public static IReadOnlyList<LeaderboardRow> Build(IReadOnlyList<ComparisonRow> comparisons, IReadOnlyList<ProfileReferenceEntry> reference)
    {
        var rows = new List<LeaderboardRow>();
        foreach (var scale in reference.Select(e => e.Scale).Distinct().Order(StringComparer.Ordinal))
        {
            var workloads = reference.Where(e => e.Scale == scale).ToList();
            var atScale = comparisons.Where(c => c.Scale == scale && workloads.Any(w => w.Workload == c.Workload)).ToList();
            foreach (var submission in atScale.GroupBy(c => c.Submission).OrderBy(g => g.Any(c => c.IsReference) ? "" : g.Key, StringComparer.Ordinal))
            {
                var timeRatios = new List<double>();
                var stepRatios = new List<double>();
                var measured = 0;
                var reached = 0;
                foreach (var w in workloads)
                {
                    var onWorkload = submission.Where(c => c.Workload == w.Workload).OrderByDescending(c => c.Seeds).ToList();
                    if (onWorkload.Count == 0) continue;
                    measured++;
                    if (double.IsFinite(onWorkload[0].MedianSeconds)) reached++;
                    stepRatios.Add(onWorkload[0].MedianSteps / w.MedianSteps);
                    if (onWorkload.FirstOrDefault(c => c.Machine == w.MachineId) is { } sameMachine)
                        timeRatios.Add(sameMachine.MedianSeconds / w.MedianSeconds);
                }
                var best = submission.OrderByDescending(c => c.Seeds).First();
                var perWorkload = submission.GroupBy(c => c.Workload).Select(g => g.OrderByDescending(c => c.Seeds).First()).ToList();
                rows.Add(new LeaderboardRow(
                    scale, submission.Key, best.Paper, measured, reached, workloads.Count,
                    AreaTime: timeRatios.Count > 0 ? PerformanceProfile.Area(timeRatios, workloads.Count) : double.NaN,
                    AreaSteps: PerformanceProfile.Area(stepRatios, workloads.Count),
                    GeomeanTime: Descriptive.GeometricMean([.. perWorkload.Select(c => c.TimeSpeedup.Value)]),
                    GeomeanSteps: Descriptive.GeometricMean([.. perWorkload.Select(c => c.StepSpeedup.Value)]),
                    ProfileTime: timeRatios.Count > 0 ? PerformanceProfile.Curve(timeRatios, workloads.Count) : [],
                    ProfileSteps: PerformanceProfile.Curve(stepRatios, workloads.Count)));
            }
        }
        return rows;
    }
}
