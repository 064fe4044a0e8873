using System.Globalization;
using System.Text;
using Bench.Contracts;
using Bench.Harness.Configuration;
using Bench.Harness.Provenance;
using Bench.Harness.Results;
using Bench.Harness.Training;

namespace Bench.Harness.Orchestration;

/// <summary>
/// Runs trials on a Slurm cluster as one job array (AlgoPerf's scoring runs do the same): <see cref="Submit"/> writes
/// the plan of the trials to run into the results folder and submits <c>sbatch --array=0-(N-1)%K</c> whose task I runs
/// the plan's trial I (<paramref name="command"/> builds that line for a plan file and the shell's task id), each
/// writing only its own manifest, curve and output files. <see cref="ITrialExecutor.Execute"/> then waits for one
/// task, polling <c>scontrol</c>, and returns the manifest's row; a task that ended without a manifest (cancelled,
/// over its time limit, node failure, crash) gets a Crashed or TimedOut row naming Slurm's state and the task's
/// stderr. Every submission is recorded under <c>&lt;results&gt;/slurm/</c>, so a rerun after the parent was killed
/// first waits for a job still running (<see cref="AwaitEarlierBatches"/>) and recovers its manifests.
/// </summary>
public sealed class SlurmExecutor(
    Func<string, string, ChildCommandLine> command,
    BenchOptions options,
    ResultsStore store,
    EnvironmentFingerprint environment,
    Func<TrialSpec, TimeSpan> timeout,
    Func<TrialSpec, string> paperOf,
    Action<string> say,
    Func<TrialSpec, int> threadsOf,
    SlurmClient? client = null) : IBatchTrialExecutor
{
    /// <summary>How often the controller is asked about the job; one <c>scontrol</c> call costs milliseconds.</summary>
    public static TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The shell's array task id, passed to the command line builder in place of the index.</summary>
    public const string TaskIdVariable = "$SLURM_ARRAY_TASK_ID";

    readonly SlurmClient slurm = client ?? new SlurmClient();
    readonly Dictionary<TrialSpec, int> indexOf = [];
    string jobId = "";
    DateTime submitted;
    IReadOnlyList<SlurmTaskState>? states;
    DateTime polled = DateTime.MinValue;

    /// <summary>The folder of the job arrays' records, scripts and task output.</summary>
    public string Folder => Path.Combine(store.Root, "slurm");

    public void AwaitEarlierBatches()
    {
        slurm.CheckReachable();
        if (!Directory.Exists(Folder)) return;
        foreach (var record in Directory.EnumerateFiles(Folder, "job-*.txt").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(record)["job-".Length..];
            if (File.Exists(DoneMarker(id))) continue;
            var announced = false;
            while (slurm.Tasks(id) is { } tasks && tasks.Any(t => !t.Ended))
            {
                if (!announced) say($"waiting for Slurm job {id}, submitted by an earlier run on this results folder, to end: its finished " +
                    "trials are then recovered");
                announced = true;
                Thread.Sleep(PollInterval);
            }
            AtomicFile.WriteAllText(DoneMarker(id), "");
        }
    }

    public void Submit(IReadOnlyList<TrialSpec> specs)
    {
        if (specs.Count == 0) return;
        var plan = new TrialPlan(options, specs);
        var planFile = plan.Write(store);
        for (var i = 0; i < specs.Count; i++) indexOf[specs[i]] = i;
        Directory.CreateDirectory(Folder);
        var script = Path.Combine(Folder, Path.GetFileNameWithoutExtension(planFile) + ".sh");
        AtomicFile.WriteAllText(script, Script(command(planFile, TaskIdVariable)));

        // Slurm enforces time limits in whole minutes; one more for the process's start-up.
        var limit = specs.Max(timeout);
        var minutes = (int)Math.Ceiling(limit.TotalMinutes) + 1;
        var arguments = new List<string>
        {
            "--parsable",
            $"--job-name=bench-{Path.GetFileNameWithoutExtension(planFile)}",
            $"--array=0-{specs.Count - 1}" + (options.SlurmMaxParallel > 0 ? $"%{options.SlurmMaxParallel}" : ""),
            $"--output={Path.Combine(Folder, "%A_%a.out")}",
            $"--error={Path.Combine(Folder, "%A_%a.err")}",
            $"--time={minutes}",
        };
        // Each trial's thread count (--threads, else its workload's); the array asks for the largest so no task is oversubscribed.
        var cpus = specs.Max(threadsOf);
        if (cpus > 0) arguments.Add($"--cpus-per-task={cpus}");
        if (options.GpusPerTask > 0) arguments.Add($"--gpus-per-task={options.GpusPerTask}");
        if (options.SlurmPartition.Length > 0) arguments.Add($"--partition={options.SlurmPartition}");
        if (options.SlurmAccount.Length > 0) arguments.Add($"--account={options.SlurmAccount}");
        arguments.AddRange(options.SbatchArgs.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        arguments.Add(script);

        jobId = slurm.Submit(arguments);
        submitted = DateTime.UtcNow;
        AtomicFile.WriteAllText(Path.Combine(Folder, $"job-{jobId}.txt"), $"{planFile}\n{specs.Count}\n");
        say($"submitted Slurm job {jobId}: {specs.Count} array tasks ({string.Join(" ", arguments.SkipLast(1).Skip(1))}); task output in {Folder}");
    }

    public TrialRecord Execute(TrialSpec spec, Action<TrialProgress> onProgress)
    {
        if (!indexOf.TryGetValue(spec, out var index))
            throw new InvalidOperationException($"trial {spec} was not submitted; the queue calls Submit first");
        var task = Await(index, onProgress);
        if (indexOf.Keys.All(s => Ended(indexOf[s]))) AtomicFile.WriteAllText(DoneMarker(jobId), "");

        var stderr = ReadTaskFile(index, "err").Trim();
        if (stderr.Length > 0) store.SaveLog(spec, stderr);
        var where = $"job {jobId}_{index}" + (task?.Node is { Length: > 0 } node ? $" on {node}" : "");
        if (task?.ExitCode == $"{ConfigException.ExitCode}:0")
        {
            slurm.Cancel(jobId);
            throw new ConfigException(LastLines(stderr, 5).Replace("error: ", "", StringComparison.Ordinal) + $" (in the trial {spec}, Slurm " +
                $"{where}; the job was cancelled)");
        }
        // The queue set aside any earlier attempt's manifest before submitting, so a manifest here is this task's.
        if (store.ReadManifest(spec)?.Record is { } saved) return saved;

        var (status, cause) = task?.State switch
        {
            null => (TrialStatus.Crashed, "Slurm no longer knows the task and it left no manifest"),
            "TIMEOUT" => (TrialStatus.TimedOut, "Slurm stopped it at the job's time limit (the trial timeout)"),
            "CANCELLED" => (TrialStatus.Crashed, "cancelled in Slurm (scancel, or an administrator)"),
            "NODE_FAIL" => (TrialStatus.Crashed, "its node failed"),
            "OUT_OF_MEMORY" => (TrialStatus.Crashed, "out of memory (Slurm's limit)"),
            "PREEMPTED" => (TrialStatus.Crashed, "preempted by Slurm"),
            "BOOT_FAIL" or "DEADLINE" => (TrialStatus.Crashed, $"Slurm ended it ({task?.State})"),
            "COMPLETED" => (TrialStatus.Crashed, "the task exited cleanly but left no manifest"),
            _ => (TrialStatus.Crashed, $"Slurm state {task?.State}"),
        };
        var exit = task is null ? "" : ExitDescription(task.ExitCode);
        var error = $"{cause} ({where}{(exit.Length > 0 ? ", " + exit : "")}{(task?.Reason is { Length: > 0 } r && r != "None" ? ", reason " + r : "")})"
            + (stderr.Length > 0 ? ": " + LastLines(stderr, 3) : "");
        var placement = new TrialPlacement(task?.Node ?? "", jobId, index.ToString(CultureInfo.InvariantCulture));
        // The trial's own thread count is part of its machine id, so a rerun finds this row.
        var trialEnvironment = environment.WithThreads(threadsOf(spec));
        var record = TrialRecord.Failed(spec, paperOf(spec), status, error, submitted).WithEnvironment(trialEnvironment).WithPlacement(placement);
        store.SaveTrial(new TrialManifest(record, options.ForTrial(spec.Workload, spec.Submission, spec.Seed), trialEnvironment), []);
        return record;
    }

    /// <summary>
    /// Waits until task <paramref name="index"/> has ended; returns its last state (null: the controller and the completion log no longer know it).
    /// </summary>
    SlurmTaskState? Await(int index, Action<TrialProgress> onProgress)
    {
        while (true)
        {
            Poll();
            if (states is null)
                return slurm.Completed(jobId).LastOrDefault(t => t.Tasks.Contains(index));
            var task = states.LastOrDefault(t => t.Tasks.Contains(index));
            if (task is { Ended: true }) return task;
            onProgress(new TrialProgress(TaskProgress(index), Counts()));
            Thread.Sleep(PollInterval);
        }
    }

    bool Ended(int index) => states?.LastOrDefault(t => t.Tasks.Contains(index)) is not { Ended: false };

    void Poll()
    {
        if (DateTime.UtcNow - polled < PollInterval) return;
        states = slurm.Tasks(jobId);
        polled = DateTime.UtcNow;
    }

    /// <summary>"job 12: 3 pending, 1 running, 4 ended".</summary>
    string Counts()
    {
        int pending = 0, running = 0, ended = 0;
        foreach (var i in indexOf.Values)
        {
            var task = states?.LastOrDefault(t => t.Tasks.Contains(i));
            if (task is null || task.Ended) ended++;
            else if (task.State == "PENDING") pending++;
            else running++;
        }
        return $"Slurm job {jobId}: {pending} pending, {running} running, {ended} ended";
    }

    /// <summary>The last progress line the task wrote to its output file (the trial runs with progress lines on).</summary>
    double TaskProgress(int index)
    {
        var line = ReadTaskFile(index, "out").Split('\n').LastOrDefault(l => l.StartsWith(ChildProcessExecutor.ProgressPrefix, StringComparison.Ordinal));
        if (line is null) return 0;
        var rest = line[ChildProcessExecutor.ProgressPrefix.Length..];
        var space = rest.IndexOf(' ');
        return double.TryParse(space < 0 ? rest : rest[..space], NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : 0;
    }

    string ReadTaskFile(int index, string extension)
    {
        var path = Path.Combine(Folder, $"{jobId}_{index}.{extension}");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    string DoneMarker(string id) => Path.Combine(Folder, $"job-{id}.done");

    /// <summary>Slurm's "exit:signal" in words: "exit 134", "killed by signal 9"; empty for 0:0.</summary>
    static string ExitDescription(string exitCode)
    {
        var parts = exitCode.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var code) || !int.TryParse(parts[1], out var signal)) return exitCode.Length > 0
            ? $"exit {exitCode}" : "";
        if (signal > 0) return $"killed by signal {signal}";
        return code > 0 ? ChildProcessExecutor.DescribeExit(code) : "";
    }

    /// <summary>The batch script: the trial's command line, each argument quoted for the shell but the task id.</summary>
    static string Script(ChildCommandLine line)
    {
        static string Quote(string argument) => argument == TaskIdVariable ? $"\"{argument}\"" : "'" +
            argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        var text = new StringBuilder();
        text.Append("#!/bin/sh\n");
        text.Append("# Written by repro: array task I runs trial I of the plan.\n");
        text.Append("exec ").Append(string.Join(" ", new[] { line.FileName }.Concat(line.Arguments).Select(Quote))).Append('\n');
        return text.ToString();
    }

    static string LastLines(string text, int count) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(count).Select(l => l.Trim()));
}
