using Bench.Harness.Configuration;
using Bench.Harness.Contracts;
using Bench.Harness.Training;
using Bench.Submissions;
using Bench.Workloads;

namespace Bench.Repro.Execution;

/// <summary>The composition root's view of the registries: selection by name and the trial plan.</summary>
public static class Catalog
{
    /// <summary>The workloads named in <paramref name="ids"/> (comma-separated, or <c>all</c>).</summary>
    public static IReadOnlyList<IWorkload> Workloads(string ids) =>
        ids.Trim() == "all" ? WorkloadRegistry.All : [.. Split(ids).Select(WorkloadRegistry.Get)];

    /// <summary>The submissions named in <paramref name="ids"/> (comma-separated, or <c>all</c>).</summary>
    public static IReadOnlyList<ISubmission> Submissions(string ids) =>
        ids.Trim() == "all" ? SubmissionRegistry.All : [.. Split(ids).Select(SubmissionRegistry.Get)];

    /// <summary>
    /// Every (workload, submission, seed) trial at <paramref name="scale"/>, baseline included for each
    /// workload so speedups are always measured in the same run. Pairs that do not apply are left out. Each trial
    /// carries its submission's resolved hyperparameters: declared defaults with <paramref name="overrides"/> applied
    /// (to the selected submissions only; the added baseline keeps its tuned recipe).
    /// </summary>
    public static IReadOnlyList<TrialSpec> Plan(IReadOnlyList<IWorkload> workloads, IReadOnlyList<ISubmission> submissions, string scale, IReadOnlyList<int> seeds,
        HyperparameterOverrides? overrides = null)
    {
        overrides ??= HyperparameterOverrides.None;
        var withBaseline = submissions.Any(s => s.Id == SubmissionRegistry.BaselineId)
            ? submissions
            : [SubmissionRegistry.Get(SubmissionRegistry.BaselineId), .. submissions];
        var declared = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        var plan = new List<TrialSpec>();
        foreach (var workload in workloads)
        {
            if (!workload.ScaleNames.Contains(scale))
                throw new ConfigException($"workload '{workload.Id}' has no scale '{scale}'. Valid scales: {string.Join(", ", workload.ScaleNames)}.");
            foreach (var submission in withBaseline.Where(s => s.NotApplicableReason(workload) is null))
            {
                var defaults = submission.DefaultHyperparameters(workload, scale);
                var names = Hyperparameters.Of(defaults).Names;
                var selected = submissions.Contains(submission);
                if (selected) declared[submission.Id] = names;
                var resolved = Hyperparameters.Resolve(defaults, overrides.For(submission.Id, names, selected), $"{submission.Id} on {workload.Id}");
                foreach (var seed in seeds)
                    plan.Add(new TrialSpec(workload.Id, scale, submission.Id, seed) { Hyperparameters = resolved });
            }
        }
        overrides.Check(declared);
        // Interleave by seed so baseline and candidates share the machine's conditions over the run.
        return [.. plan.OrderBy(s => s.Workload, StringComparer.Ordinal).ThenBy(s => s.Seed).ThenBy(s => s.Submission == SubmissionRegistry.BaselineId ? 0 : 1)];
    }

    static IEnumerable<string> Split(string ids) => ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
