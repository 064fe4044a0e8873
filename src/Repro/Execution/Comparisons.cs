using Bench.Contracts;
using Bench.Harness.Results;
using Bench.Harness.Statistics;
using Bench.Submissions;
using Bench.Submissions.Papers;
using Bench.Workloads;

namespace Bench.Repro.Execution;

/// <summary>
/// Comparisons with the registries plugged in: metric directions from the workloads, claims from the
/// paper registry (papers.csv <c>claim_factor</c>, <c>claim_kind</c>; <c>feasible = partial</c> marks a
/// claim that rests on hardware this suite lacks, judged on steps). Rows of each machine are compared
/// only with the baseline of that machine.
/// </summary>
public static class Comparisons
{
    /// <summary>The registries as the harness's <see cref="ComparisonContext"/>.</summary>
    public static ComparisonContext Context { get; } = new(Direction, Claim)
    {
        Fidelity = id => SubmissionRegistry.All.FirstOrDefault(s => s.Id == id)?.Fidelity ?? Contracts.Fidelity.Faithful,
        DefaultSeeds = (workload, scale) => WorkloadRegistry.All.FirstOrDefault(w => w.Id == workload) is { } w && w.ScaleNames.Contains(scale)
            ? w.Scale(scale).DefaultSeeds
            : null,
    };

    /// <summary>Every (workload, scale, submission) of <paramref name="records"/>, per machine, against the baseline.</summary>
    public static IReadOnlyList<ComparisonRow> Build(IEnumerable<TrialRecord> records) =>
        [.. records.GroupBy(r => r.MachineId).SelectMany(m => ComparisonRow.Build(m, SubmissionRegistry.BaselineId, Context))];

    /// <summary>
    /// Each submission with a paper control (<see cref="SubmissionRegistry.PaperControls"/>) against that control's
    /// rows of the same machine: the comparison the paper itself makes. Only the submissions' rows are returned.
    /// </summary>
    public static IReadOnlyList<ComparisonRow> AgainstPaperControls(IEnumerable<TrialRecord> records)
    {
        var all = records.ToList();
        return [.. SubmissionRegistry.PaperControls.SelectMany(pair => all
            .Where(r => r.Submission == pair.Key || r.Submission == pair.Value)
            .GroupBy(r => r.MachineId)
            .SelectMany(m => ComparisonRow.Build(m, pair.Value, Context))
            .Where(r => r.Submission == pair.Key))];
    }

    /// <summary>The claim of a registry paper, or null for an unknown id.</summary>
    public static PaperClaim? Claim(string paperId) =>
        PaperRegistry.All.FirstOrDefault(p => p.Id == paperId) is { } paper
            ? new PaperClaim(paper.ClaimFactor is double f && !double.IsNaN(f) ? f : null, paper.ClaimKind, paper.Feasible == "partial")
            : null;

    static MetricDirection? Direction(string workload, string scale) =>
        WorkloadRegistry.All.FirstOrDefault(w => w.Id == workload) is { } w && w.ScaleNames.Contains(scale)
            ? w.Scale(scale).Target.Direction
            : null;
}
