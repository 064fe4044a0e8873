using System.Globalization;
using Bench.Harness.Configuration;
using Bench.Harness.Contracts;
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

/// <summary>Internal: runs one trial in this process and saves its manifest and curve. Speedrun starts one per trial.</summary>
public sealed class TrialCommand : ICommand
{
    static readonly OptionSpec Seed = new("seed", "the trial's seed", ValueName: "N");
    static readonly OptionSpec ResolvedHparams = new("resolved-hparams", "the submission's resolved hyperparameters as JSON (from the parent run)", ValueName: "JSON");
    static readonly OptionSpec ProgressLines = new("progress-lines", "write machine-readable progress lines (used by the parent run)", IsFlag: true);

    public string Name => "trial";

    public string Summary => "(internal) run one trial in this process; speedrun starts one per trial";

    public string Usage => "trial --workload ID --submission ID --scale SCALE --seed N [options]";

    public IReadOnlyList<OptionSpec> Options =>
    [
        SharedOptions.Workloads, SharedOptions.Submissions, SharedOptions.Scale, Seed, SharedOptions.Device, SharedOptions.Threads,
        SharedOptions.WarmupSteps, SharedOptions.Data, SharedOptions.Dataset, SharedOptions.Target, SharedOptions.Download, SharedOptions.FullBudget, SharedOptions.Results, ResolvedHparams, ProgressLines, SharedOptions.DryRun,
    ];

    public int Execute(ParsedArguments arguments, IAnsiConsole console)
    {
        if (arguments.Positionals.Count > 0) throw new ConfigException($"trial takes no positional arguments (got '{arguments.Positionals[0]}').");
        var options = SharedOptions.Bind(arguments);
        var workload = arguments.Value("workloads") ?? throw new ConfigException("trial needs --workload ID.");
        var submission = arguments.Value("submissions") ?? throw new ConfigException("trial needs --submission ID.");
        if (!int.TryParse(arguments.Value("seed") ?? "0", NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) || seed < 0)
            throw new ConfigException($"--seed must be a non-negative integer (got '{ConfigException.Echo(arguments.Value("seed") ?? "")}').");

        var spec = new TrialSpec(workload, options.Scale, submission, seed)
        {
            Hyperparameters = ResolvedHyperparameters(arguments.Value("resolved-hparams")),
            Dataset = WorkloadRegistry.Get(workload).ResolveDataset(options.Scale, options.Dataset, options.Data),
        };
        if (spec.Dataset.Length > 0) spec = spec with { Target = double.IsNaN(options.Target) ? null : options.Target };
        if (arguments.Flag("dry-run"))
        {
            // The checks the real trial makes before training: ids, scale, applicability.
            var (w, s) = (WorkloadRegistry.Get(workload), SubmissionRegistry.Get(submission));
            if (s.NotApplicableReason(w) is { } reason)
                throw new ConfigException($"submission '{s.Id}' does not apply to workload '{w.Id}': {reason}");
            return PlanTable.Write(console, options, Catalog.Plan([w], [s], options.Scale, [seed]).Select(p => p with { Dataset = spec.Dataset }).Where(p => p == spec).ToList());
        }
        var progress = arguments.Flag("progress-lines")
            ? new SynchronousProgress(p => Console.Out.WriteLine(ChildProcessExecutor.FormatProgress(p)))
            : null;
        var session = new TrialSession(options, WorkloadRegistry.Get, SubmissionRegistry.Get);
        var record = session.RunAndSave(spec, new ResultsStore(options.Results), progress);
        console.MarkupLine($"{Markup.Escape(spec.ToString())}: {record.Status} ({Markup.Escape(record.Metric)} {record.FinalMetric:G4}, {record.TrainSeconds:0.0} s, {record.Steps} steps)");
        return 0;
    }

    /// <summary>Reports on the calling thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    sealed class SynchronousProgress(Action<TrialProgress> report) : IProgress<TrialProgress>
    {
        public void Report(TrialProgress value) => report(value);
    }

    static Hyperparameters ResolvedHyperparameters(string? json)
    {
        try
        {
            return Hyperparameters.Parse(json);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            throw new ConfigException($"--resolved-hparams must be a JSON object of hyperparameters (got '{ConfigException.Echo(json ?? "")}').");
        }
    }
}
