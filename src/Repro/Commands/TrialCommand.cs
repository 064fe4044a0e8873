using System.Globalization;
using Bench.Contracts;
using Bench.Harness.Configuration;
using Bench.Harness.Orchestration;
using Bench.Harness.Results;
using Bench.Harness.Training;
using Bench.Repro.Cli;
using Bench.Repro.Display;
using Bench.Repro.Execution;
using Bench.Submissions;
using Bench.Workloads;
using Spectre.Console;

namespace Bench.Repro.Commands;

/// <summary>
/// Runs one trial in this process and saves its manifest and curve. A run starts one per trial as
/// <c>trial --plan FILE --index I</c>: everything the trial needs comes from the plan the run wrote (a cluster job
/// array can submit the same line). By hand, <c>--workload --submission --scale --seed</c> and the usual options
/// describe the trial instead.
/// </summary>
public sealed class TrialCommand : ICommand
{
    static readonly OptionSpec Plan = new("plan", "the trial plan a run wrote (<results>/plans/plan-*.json)", ValueName: "FILE");
    static readonly OptionSpec Index = new("index", "with --plan: which of the plan's trials to run, from 0", ValueName: "I");
    static readonly OptionSpec Seed = new("seed", "by hand: the trial's seed", ValueName: "N");
    static readonly OptionSpec ProgressLines = new("progress-lines", "write machine-readable progress lines (used by the parent run)", IsFlag: true);
    static readonly OptionSpec ParentPid = new("parent-pid", "stop when this process (the run that started the trial) ends", ValueName: "PID");

    public string Name => "trial";

    public string Summary => "(internal) run one trial of a plan in this process; a run starts one per trial";

    public string Usage => "trial --plan FILE --index I | trial --workload ID --submission ID --scale SCALE --seed N [options]";

    public IReadOnlyList<OptionSpec> Options =>
    [
        Plan, Index, SharedOptions.Workloads, SharedOptions.Submissions, SharedOptions.Scale, Seed, SharedOptions.Device, SharedOptions.Threads,
        SharedOptions.WarmupSteps, SharedOptions.Data, SharedOptions.Dataset, SharedOptions.Target, SharedOptions.Download, SharedOptions.FullBudget,
            SharedOptions.Results, ProgressLines, ParentPid, SharedOptions.DryRun,
    ];

    public int Execute(ParsedArguments arguments, IAnsiConsole console)
    {
        int? parentPid = arguments.Value("parent-pid") is { } parent
            ? int.TryParse(parent, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) && pid > 0
                ? pid
                : throw new ConfigException($"--parent-pid must be a process id (got '{ConfigException.Echo(parent)}').")
            : null;
        if (arguments.Positionals.Count > 0) throw new ConfigException($"trial takes no positional arguments (got '{arguments.Positionals[0]}').");
        var (options, spec) = arguments.Value("plan") is { } planFile ? FromPlan(arguments, planFile) : ByHand(arguments);
        if (arguments.Flag("dry-run")) return PlanTable.Write(console, options, [spec]);
        // Armed only for a real trial: it ends this process when the run that started it is gone.
        if (parentPid is { } watched) ParentWatch.Start(watched);

        var progress = arguments.Flag("progress-lines")
            ? new SynchronousProgress(p => Console.Out.WriteLine(ChildProcessExecutor.FormatProgress(p)))
            : null;
        var session = new TrialSession(options, WorkloadRegistry.Get, SubmissionRegistry.Get);
        var record = session.RunAndSave(spec, new ResultsStore(options.Results), progress);
        console.MarkupLine($"{Markup.Escape(spec.ToString())}: {record.Status} ({Markup.Escape(record.Metric)} {record.FinalMetric:G4}, " +
            $"{record.TrainSeconds:0.0} s, {record.Steps} steps)");
        return 0;
    }

    /// <summary>The plan's options and its trial at --index; no other option may be given beside a plan.</summary>
    static (BenchOptions, TrialSpec) FromPlan(ParsedArguments arguments, string planFile)
    {
        var allowed = new HashSet<string> { "plan", "index", "progress-lines", "parent-pid", "help", "dry-run" };
        if (arguments.Options.Keys.FirstOrDefault(k => !allowed.Contains(k)) is { } other)
            throw new ConfigException($"--{other} cannot be combined with --plan: the plan holds the whole configuration.");
        var text = arguments.Value("index") ?? throw new ConfigException("--plan needs --index I (which of the plan's trials to run).");
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
            throw new ConfigException($"--index must be an integer (got '{text}').");
        var plan = TrialPlan.Read(Path.GetFullPath(planFile));
        return (plan.Options, plan.At(index));
    }

    static (BenchOptions, TrialSpec) ByHand(ParsedArguments arguments)
    {
        if (arguments.Value("index") is not null) throw new ConfigException("--index needs --plan FILE.");
        var options = SharedOptions.Bind(arguments);
        var workload = arguments.Value("workloads") ?? throw new ConfigException("trial needs --plan FILE --index I, or --workload ID.");
        var submission = arguments.Value("submissions") ?? throw new ConfigException("trial needs --submission ID.");
        if (!int.TryParse(arguments.Value("seed") ?? "0", NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) || seed < 0)
            throw new ConfigException($"--seed must be a non-negative integer (got '{ConfigException.Echo(arguments.Value("seed") ?? "")}').");
        // The checks a run makes (ids, scale, applicability) and the submission's resolved default hyperparameters.
        var (w, s) = (WorkloadRegistry.Get(workload), SubmissionRegistry.Get(submission));
        if (s.NotApplicableReason(w) is { } reason)
            throw new ConfigException($"submission '{s.Id}' does not apply to workload '{w.Id}': {reason}");
        var plan = Catalog.OnDataset(Catalog.Plan([w], [s], options.Scale, [seed]), options, _ => { });
        return (options, plan.First(p => p.Submission == s.Id));
    }

    /// <summary>Reports on the calling thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    sealed class SynchronousProgress(Action<TrialProgress> report) : IProgress<TrialProgress>
    {
        public void Report(TrialProgress value) => report(value);
    }
}
