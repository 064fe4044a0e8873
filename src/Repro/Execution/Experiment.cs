using System.Globalization;
using Bench.Harness;
using Bench.Harness.Configuration;
using Bench.Harness.Orchestration;
using Bench.Harness.Provenance;
using Bench.Harness.Results;
using Bench.Harness.Statistics;
using Bench.Harness.Torch;
using Bench.Harness.Training;
using Bench.Repro.Display;
using Bench.Submissions;
using Bench.Workloads;
using Spectre.Console;

namespace Bench.Repro.Execution;

/// <summary>Runs a trial plan (resumably, each trial in its own process) and shows progress and the comparison.</summary>
public static class Experiment
{
    /// <summary>Runs <paramref name="plan"/> and returns the rows of every planned trial, old and new.</summary>
    public static IReadOnlyList<TrialRecord> Run(BenchOptions options, IReadOnlyList<TrialSpec> plan, bool inProcess, IAnsiConsole console)
    {
        var rows = Execute(options, plan, inProcess, console);
        ComparisonTable.Write(console, Comparisons.Build(rows));
        ComparisonTable.WriteAgainstControls(console, Comparisons.AgainstPaperControls(rows));
        return rows;
    }

    /// <summary>Runs <paramref name="plan"/> with progress and returns the rows of every planned trial, old and new, without comparing them.</summary>
    public static IReadOnlyList<TrialRecord> Execute(BenchOptions options, IReadOnlyList<TrialSpec> plan, bool inProcess, IAnsiConsole console)
    {
        TorchSetup.Initialize(options.Device, options.Threads);
        var environment = EnvironmentFingerprint.Capture(options.Device, RepositoryRoot.Find());
        var store = new ResultsStore(options.Results);
        var executor = inProcess
            ? (ITrialExecutor)new InProcessExecutor(new TrialSession(options, WorkloadRegistry.Get, SubmissionRegistry.Get), store)
            : ChildExecutor(options, store, environment);

        console.MarkupLine($"[bold]{plan.Count} trials[/] at scale [bold]{Markup.Escape(options.Scale)}[/] on {Markup.Escape(environment.Cpu)} ({environment.Threads} threads, {Markup.Escape(options.Device)})");
        var queue = new TrialQueue(store, executor, environment.MachineId, RunId(plan));
        var summary = ProgressObserver.Run(console, plan, observer => queue.Run(plan, observer));

        var planned = plan.ToHashSet();
        var rows = store.ReadTrials().Where(r => r.MachineId == environment.MachineId && planned.Contains(r.Spec)).ToList();
        console.MarkupLine($"ran {summary.Ran}, resumed {summary.Recovered}, skipped {summary.Skipped} already finished");
        console.MarkupLine($"results: [link]{Markup.Escape(store.TrialsCsv)}[/] (curves and manifests beside it)");
        return rows;
    }

    /// <summary>
    /// The run's id: a hash of its trials (with their hyperparameters), so the same command resumed is the same run and
    /// its rows compare with each other, while another plan's rows never serve as this run's baseline.
    /// </summary>
    public static string RunId(IReadOnlyList<TrialSpec> plan)
    {
        var text = string.Join("\n", plan.Select(s => s.Key).Order(StringComparer.Ordinal));
        return "run-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)), 0, 4).ToLowerInvariant();
    }

    /// <summary>
    /// An executor that runs each trial as a child process of <paramref name="command"/> (default: this
    /// build, <see cref="SelfLauncher"/>); the timing gate passes another build's <c>repro.dll</c>.
    /// </summary>
    public static ChildProcessExecutor ChildExecutor(BenchOptions options, ResultsStore store, EnvironmentFingerprint environment,
        (string FileName, IReadOnlyList<string> Prefix)? command = null)
    {
        var (host, prefix) = command ?? SelfLauncher.Command();
        string[] shared =
        [
            "--device", options.Device,
            "--threads", options.Threads.ToString(CultureInfo.InvariantCulture),
            "--warmup-steps", options.WarmupSteps.ToString(CultureInfo.InvariantCulture),
            "--data", options.Data,
            // Only when set: the parser reads an empty "--dataset=" as an option still waiting for its value.
            .. options.Dataset.Length > 0 ? ["--dataset", options.Dataset] : Array.Empty<string>(),
            .. double.IsNaN(options.Target) ? Array.Empty<string>() : ["--target", options.Target.ToString("R", CultureInfo.InvariantCulture)],
            "--download", options.Download ? "true" : "false",
            $"--full-budget={(options.FullBudget ? "true" : "false")}",
            "--results", options.Results,
        ];
        return new ChildProcessExecutor(host, prefix, shared, store, environment, options,
            timeout: spec => TimeSpan.FromSeconds(options.TrialTimeoutSeconds > 0
                ? options.TrialTimeoutSeconds
                : 3 * WorkloadRegistry.Get(spec.Workload).Scale(spec.Scale).Budget.MaxSeconds + 120),
            paperOf: spec => SubmissionRegistry.Get(spec.Submission).PaperId);
    }
}
