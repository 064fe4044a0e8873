using System.Globalization;
using Bench.Harness;
using Bench.Harness.Configuration;
using Bench.Harness.Orchestration;
using Bench.Harness.Provenance;
using Bench.Harness.Results;
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
    /// <summary>
    /// Runs <paramref name="plan"/> and returns the current rows of every planned trial, old and new. The results
    /// folder is checked and locked before anything else, and the resolved plan written into it for the children.
    /// </summary>
    public static IReadOnlyList<TrialRecord> Run(BenchOptions options, IReadOnlyList<TrialSpec> plan, bool inProcess, IAnsiConsole console)
    {
        var rows = Execute(options, plan, inProcess, console);
        ComparisonTable.Write(console, Comparisons.Build(rows));
        ComparisonTable.WriteAgainstControls(console, Comparisons.AgainstPaperControls(rows));
        return rows;
    }

    /// <summary>Runs <paramref name="plan"/> with progress and returns the current rows of every planned trial, without comparing them.</summary>
    public static IReadOnlyList<TrialRecord> Execute(BenchOptions options, IReadOnlyList<TrialSpec> plan, bool inProcess, IAnsiConsole console)
    {
        var store = new ResultsStore(options.Results);
        using var runLock = store.LockForRun();
        store.ReadAllTrials(); // a damaged table stops the run here, before any set-up
        // Unset threads are each workload's own: this process keeps libtorch's default, which a child's 0 also means.
        TorchSetup.Initialize(options.Device, options.Threads ?? 0);
        var environment = EnvironmentFingerprint.Capture(options.Device, RepositoryRoot.Find());
        if (inProcess && options.Executor != "local")
            throw new ConfigException($"--in-process runs the trials in this process; it cannot be combined with --executor {options.Executor}. Drop one of them.");
        // A trial's machine id includes the threads it runs with, which can differ per workload.
        EnvironmentFingerprint EnvironmentOf(TrialSpec spec) => environment.WithThreads(options.ThreadsFor(WorkloadRegistry.Get(spec.Workload)));
        if (options.CpuLock.Length > 0 && options.Executor != "local")
            throw new ConfigException($"--cpu-lock holds a lock on this machine while each trial runs here; with --executor {options.Executor} the trials run elsewhere. Drop --cpu-lock (Slurm's own allocation keeps trials apart).");
        var executor = inProcess
            ? (ITrialExecutor)new InProcessExecutor(new TrialSession(options, WorkloadRegistry.Get, SubmissionRegistry.Get), store)
            : options.Executor == "slurm"
                ? SlurmArrayExecutor(options, store, environment, line => console.MarkupLine(Markup.Escape(line)))
                : ChildExecutor(new TrialPlan(options, plan), store, environment, environmentOf: EnvironmentOf);
        if (options.CpuLock.Length > 0)
            executor = new CpuLockedExecutor(executor, options.CpuLock, line => console.MarkupLine($"[grey]{Markup.Escape(line)}[/]"));

        var byThreads = plan.GroupBy(s => EnvironmentOf(s).Threads).ToList();
        static string Threads(int count) => count == 1 ? "1 thread" : $"{count} threads";
        var threads = byThreads.Count == 1 ? Threads(byThreads[0].Key)
            : string.Join("; ", byThreads.Select(g => $"{Threads(g.Key)} for {string.Join(", ", g.Select(s => s.Workload).Distinct())}"));
        console.MarkupLine($"[bold]{plan.Count} trials[/] at scale [bold]{Markup.Escape(options.Scale)}[/] on {Markup.Escape(environment.Cpu)} ({Markup.Escape(threads)}, {Markup.Escape(options.Device)})");
        var runId = RunId(plan);
        if (options.ExtendRun.Length > 0)
        {
            console.MarkupLine(Markup.Escape(RunExtension.Check(options.ExtendRun, store.ReadAllTrials(), plan)));
            runId = options.ExtendRun;
        }
        var queue = new TrialQueue(store, executor, spec => EnvironmentOf(spec).MachineId, runId);
        var summary = ProgressObserver.Run(console, plan, observer => queue.Run(plan, observer));

        var planned = plan.ToHashSet();
        var rows = store.ReadTrials().Where(r => planned.Contains(r.Spec) && r.MachineId == EnvironmentOf(r.Spec).MachineId).ToList();
        var capped = rows.Count(r => r.Status == TrialStatus.TimeCapped);
        if (capped > 0)
            console.MarkupLine($"[yellow]{capped} trial(s) stopped by the time cap[/] (a loaded machine, see their manifests' load average) are left out of the comparison; rerun to retry them.");
        var retried = summary.Retried > 0 ? $" ({summary.Retried} retried after a crash, timeout or time cap; their old rows stay, superseded)" : "";
        console.MarkupLine($"ran {summary.Ran}{retried}, resumed {summary.Recovered}, skipped {summary.Skipped} already finished");
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
    /// An executor that writes <paramref name="plan"/> into <paramref name="store"/> and runs each of its trials as
    /// <c>repro trial --plan FILE --index I</c> in a child process of <paramref name="command"/> (default: this build,
    /// <see cref="SelfLauncher"/>); the timing gate passes another build's <c>repro.dll</c>.
    /// </summary>
    public static ChildProcessExecutor ChildExecutor(TrialPlan plan, ResultsStore store, EnvironmentFingerprint environment,
        (string FileName, IReadOnlyList<string> Prefix)? command = null, Func<TrialSpec, EnvironmentFingerprint>? environmentOf = null)
    {
        var (host, prefix) = command ?? SelfLauncher.Command();
        var parent = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var options = plan.Options;
        return new ChildProcessExecutor(
            (planFile, index) => new ChildCommandLine(host,
                [.. prefix, "trial", "--plan", planFile, "--index", index.ToString(CultureInfo.InvariantCulture), "--progress-lines", "--parent-pid", parent]),
            plan, plan.Write(store), store, environment,
            timeout: spec => TrialTimeout(options, spec),
            paperOf: spec => SubmissionRegistry.Get(spec.Submission).PaperId, environmentOf);
    }

    /// <summary>
    /// An executor that submits the trials to Slurm as one job array whose tasks run
    /// <c>repro trial --plan FILE --index $SLURM_ARRAY_TASK_ID</c> with <c>--slurm-tool</c> (default: this build).
    /// </summary>
    public static SlurmExecutor SlurmArrayExecutor(BenchOptions options, ResultsStore store, EnvironmentFingerprint environment, Action<string> say)
    {
        var (host, prefix) = options.SlurmTool.Length == 0 ? SelfLauncher.Command()
            : options.SlurmTool.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? (SelfLauncher.Command().FileName, (IReadOnlyList<string>)[options.SlurmTool])
            : (options.SlurmTool, (IReadOnlyList<string>)[]);
        return new SlurmExecutor(
            (planFile, taskId) => new ChildCommandLine(host, [.. prefix, "trial", "--plan", planFile, "--index", taskId, "--progress-lines"]),
            options, store, environment,
            timeout: spec => TrialTimeout(options, spec),
            paperOf: spec => SubmissionRegistry.Get(spec.Submission).PaperId,
            say,
            threadsOf: spec => options.ThreadsFor(WorkloadRegistry.Get(spec.Workload)));
    }

    /// <summary>--trial-timeout-seconds, or twice the workload's time cap plus two minutes.</summary>
    static TimeSpan TrialTimeout(BenchOptions options, TrialSpec spec) => TimeSpan.FromSeconds(options.TrialTimeoutSeconds > 0
        ? options.TrialTimeoutSeconds
        : 2 * WorkloadRegistry.Get(spec.Workload).Scale(spec.Scale).Budget.TimeCapSeconds + 120);
}
