using Bench.Harness.Configuration;
using Bench.Harness.Results;
using Bench.Harness.Training;

namespace Bench.Harness.Orchestration;

/// <summary>
/// <c>--extend-run RUN</c>: more seeds of a run's arms, measured as that run so they compare with its own baseline
/// instead of starting a run without one. Only the run's arms may join it (same workload, dataset, target, scale,
/// submission and hyperparameters) and all of them, so every added seed round holds the baseline and each submission,
/// interleaved like the run's own rounds.
/// </summary>
public static class RunExtension
{
    /// <summary>
    /// Checks that <paramref name="plan"/> has exactly the arms of run <paramref name="runId"/> in <paramref name="rows"/>
    /// and returns what the console should say about it (the commits the run was measured at); throws
    /// <see cref="ConfigException"/> naming the arms that differ otherwise.
    /// </summary>
    public static string Check(string runId, IEnumerable<TrialRecord> rows, IReadOnlyList<TrialSpec> plan)
    {
        var runRows = rows.Where(r => r.RunId == runId).ToList();
        if (runRows.Count == 0)
            throw new ConfigException($"--extend-run {runId}: no row of the results folder belongs to that run. Give a run id from its trials.csv (column RunId), or drop --extend-run to start a new run.");
        var runArms = runRows.Select(r => Arm(r.Spec)).ToHashSet();
        var planArms = plan.Select(Arm).ToHashSet();
        var notInRun = planArms.Except(runArms).Select(Label).Order(StringComparer.Ordinal).ToList();
        var leftOut = runArms.Except(planArms).Select(Label).Order(StringComparer.Ordinal).ToList();
        if (notInRun.Count > 0)
            throw new ConfigException($"--extend-run {runId}: the run has no {string.Join(", ", notInRun)}. A run only takes more seeds of its own arms; choose the same workloads, submissions, scale, dataset and hyperparameters, or drop --extend-run to start a new run.");
        if (leftOut.Count > 0)
            throw new ConfigException($"--extend-run {runId}: the plan leaves out the run's {string.Join(", ", leftOut)}. Added seeds must cover every arm of the run so each round has the baseline beside each submission; choose the run's workloads and submissions.");
        var commits = runRows.Select(r => r.GitCommit).Where(c => c.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        var seeds = runRows.Select(r => r.Spec.Seed).Distinct().Order().ToList();
        return $"extending {runId} ({runArms.Count} arms, seeds {string.Join(",", seeds)} so far; measured at {(commits.Count == 0 ? "an unrecorded commit" : string.Join(", ", commits))})";
    }

    /// <summary>A trial without its seed: what the rows of one arm share.</summary>
    static TrialSpec Arm(TrialSpec spec) => spec with { Seed = 0 };

    static string Label(TrialSpec arm) => arm.Key[..arm.Key.LastIndexOf("/seed-", StringComparison.Ordinal)];
}
