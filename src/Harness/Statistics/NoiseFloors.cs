using Bench.Harness.Results;

namespace Bench.Harness.Statistics;

/// <summary>
/// The noise floor a reader is shown for each (workload, scale): the baseline of the single run with the most baseline
/// seeds (ties: the newest), never baselines pooled across runs, commits or machines, since drift between runs would
/// widen the spread by an amount that is not seed-to-seed noise.
/// </summary>
public static class NoiseFloors
{
    /// <summary>One floor per (workload, scale) with at least two baseline rows in one run, ordered by workload and scale.</summary>
    public static IReadOnlyList<NoiseFloor> Of(IEnumerable<TrialRecord> rows, string baselineId) =>
        [.. rows.Where(r => r.Submission == baselineId && r.Dataset.Length == 0 && r.Status != Training.TrialStatus.TimeCapped)
            .GroupBy(r => (r.Workload, r.Scale, r.MachineId, r.HparamsHash, Run: RunOf(r)))
            .Where(g => g.Count() >= 2)
            .GroupBy(g => (g.Key.Workload, g.Key.Scale))
            .Select(byWorkload => byWorkload.OrderByDescending(g => g.Count()).ThenByDescending(g => g.Max(r => r.StartedUtc)).First())
            .Select(g => NoiseFloor.Of([.. g], g.Key.Run))
            .OrderBy(f => f.Workload, StringComparer.Ordinal).ThenBy(f => f.Scale, StringComparer.Ordinal)];

    /// <summary>A row's run: its run id, or for rows written before runs had ids, its commit.</summary>
    public static string RunOf(TrialRecord row) =>
        row.RunId.Length > 0 ? row.RunId : $"commit {(row.GitCommit.Length > 7 ? row.GitCommit[..7] : row.GitCommit)} (no run id)";
}
