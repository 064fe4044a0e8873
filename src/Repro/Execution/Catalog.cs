using Bench.Harness.Configuration;
using Bench.Contracts;
using Bench.Harness.Training;
using Bench.Repro.Calibration;
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
    public static IReadOnlyList<TrialSpec> Plan(IReadOnlyList<IWorkload> workloads, IReadOnlyList<ISubmission> submissions, string scale,
        IReadOnlyList<int> seeds,
        HyperparameterOverrides? overrides = null) => Plan(workloads, submissions, scale, _ => seeds, overrides);

    /// <summary>As the other overload, with each workload's seeds from its scale (<see cref="BenchOptions.SeedsFor"/>).</summary>
    public static IReadOnlyList<TrialSpec> Plan(IReadOnlyList<IWorkload> workloads, IReadOnlyList<ISubmission> submissions, string scale,
        Func<WorkloadScale, IReadOnlyList<int>> seedsOf, HyperparameterOverrides? overrides = null)
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
                foreach (var seed in seedsOf(workload.Scale(scale)))
                    plan.Add(new TrialSpec(workload.Id, scale, submission.Id, seed) { Hyperparameters = resolved });
            }
        }
        overrides.Check(declared);
        return Interleaved(plan);
    }

    /// <summary>
    /// Rounds of one seed each, workload by workload; the baseline opens even rounds and the order reverses in odd ones
    /// (ABBA), so a drift of the shared machine over the run falls on every arm alike instead of on whichever runs last.
    /// </summary>
    static List<TrialSpec> Interleaved(List<TrialSpec> plan)
    {
        var ordered = new List<TrialSpec>(plan.Count);
        foreach (var workload in plan.GroupBy(s => s.Workload).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var round = 0;
            foreach (var seed in workload.GroupBy(s => s.Seed).OrderBy(g => g.Key))
            {
                var forward = seed.OrderBy(s => s.Submission == SubmissionRegistry.BaselineId ? 0 : 1).ToList();
                if (round++ % 2 == 1) forward.Reverse();
                ordered.AddRange(forward);
            }
        }
        return ordered;
    }

    /// <summary>
    /// <paramref name="plan"/> on the dataset of <paramref name="options"/>: unchanged for the workload's own; otherwise
    /// checked now (a missing file or a malformed line stops the run before any trial, naming the file and line) and
    /// recorded in every trial. Data other than the scale's own takes its target from its calibration file
    /// (<see cref="CalibrationStore"/>, written by <c>repro calibrate</c>) unless <c>--target</c> gives one; without either its
    /// trials run the budget with no target. <paramref name="say"/> is told which, in one line.
    /// </summary>
    public static IReadOnlyList<TrialSpec> OnDataset(IReadOnlyList<TrialSpec> plan, BenchOptions options, Action<string> say)
    {
        if (plan.Count == 0) return plan;
        if (options.Dataset.Length == 0)
            return double.IsNaN(options.Target) ? plan
                : throw new ConfigException("--target is for data without a calibration: give it with --dataset NAME|PATH (a workload's own data has " +
                    "its calibrated target).");
        var ids = plan.Select(s => s.Workload).Distinct().ToList();
        if (ids.Count != 1)
            throw new ConfigException($"--dataset {ConfigException.Echo(options.Dataset)} is one workload's data, but the run has {ids.Count} workloads " +
                $"({string.Join(", ", ids)}); choose one with --workload.");
        var workload = WorkloadRegistry.Get(ids[0]);
        var label = workload.ResolveDataset(options.Scale, options.Dataset, options.Data);
        var scale = workload.Scale(options.Scale);
        if (label.Length == 0)
            return double.IsNaN(options.Target) ? plan
                : throw new ConfigException($"--target is for data without a calibration; {workload.Id} at scale {scale.Name} on its own data has the " +
                    $"calibrated target {scale.Target}. Drop --target.");
        var direction = scale.Target.Direction == MetricDirection.Higher ? ">=" : "<=";
        // A calibration of this workload, scale and data content (repro calibrate) is the target; --target still wins.
        var (calibration, file, notUsed) = new CalibrationStore(options.Results).Find(workload.Id, scale.Name, label);
        if (calibration is not null)
        {
            say(double.IsNaN(options.Target)
                ? $"dataset {label}: target from calibration {file} ({calibration.TargetText}, what {calibration.Seeds.Count} seeds reached by " +
                  $"{CalibrationRule.Percent(calibration.Fraction)} of the budget)."
                : $"dataset {label}: your target {scale.Target.Metric} {direction} {options.Target:G6} (--target) instead of calibration {file} " +
                    $"({calibration.TargetText}).");
            return [.. plan.Select(s => s with { Dataset = label, Target = double.IsNaN(options.Target) ? calibration.Target : options.Target })];
        }
        if (notUsed is not null) say($"dataset {label}: {notUsed}.");
        say($"dataset {label} has no calibration for {workload.Id} at scale {scale.Name}: trials run the scale's budget " +
            $"({scale.Budget.MaxSteps} steps / {scale.Budget.MaxSeconds:0} s) " +
            (double.IsNaN(options.Target)
                ? $"with no target and report their final {scale.Target.Metric} (status Missed; --target VALUE or 'repro calibrate' sets one)."
                : $"towards your target {scale.Target.Metric} {direction} {options.Target:G6} (--target)."));
        return [.. plan.Select(s => s with { Dataset = label, Target = double.IsNaN(options.Target) ? null : options.Target })];
    }

    /// <summary>Stops <paramref name="verb"/>, which measures each workload's own data only, when a dataset is set (rather than ignore it).</summary>
    public static BenchOptions OwnDataOnly(BenchOptions options, string verb) => options.Dataset.Length == 0 && double.IsNaN(options.Target) ? options
        : throw new ConfigException($"{verb} runs each workload's own dataset and target; unset --dataset / BENCH_DATASET and --target / BENCH_TARGET, or " +
            "use 'repro run' or 'repro speedrun'.");

    static IEnumerable<string> Split(string ids) => ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
