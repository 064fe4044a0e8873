namespace Bench.Harness.Configuration;

/// <summary>
/// Resolved configuration of one invocation. Sources, later winning: <c>bench.defaults.json</c>
/// (embedded), <c>BENCH_*</c> environment variables (e.g. <c>BENCH_DATA</c>, <c>BENCH_SEEDS</c>),
/// then command-line options (<c>--data</c>, <c>--seeds</c>). Built by <see cref="OptionsLoader"/>.
/// </summary>
public sealed record BenchOptions
{
    /// <summary>Scale to run: <c>smoke</c>, <c>cpu</c> or <c>gpu</c>.</summary>
    public string Scale { get; init; } = "cpu";

    /// <summary>Number of seeds per (workload, submission).</summary>
    public int Seeds { get; init; } = 3;

    /// <summary>First seed; seeds are FirstSeed, FirstSeed+1, ...</summary>
    public int FirstSeed { get; init; }

    /// <summary>
    /// Comma-separated workload ids, or <c>all</c>. The default is the synthetic <c>modadd</c>, the one
    /// workload that needs no dataset, so a fresh offline clone's speedrun works.
    /// </summary>
    public string Workloads { get; init; } = "modadd";

    /// <summary>Comma-separated submission ids, or <c>all</c>.</summary>
    public string Submissions { get; init; } = "all";

    /// <summary><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>
    /// libtorch intra-op threads for every trial; null (not set) uses each workload's <see cref="Contracts.IWorkload.DefaultThreads"/>.
    /// 0 keeps libtorch's default. The count a trial used is recorded in its row and manifest.
    /// </summary>
    public int? Threads { get; init; }

    /// <summary>The threads a trial of <paramref name="workload"/> uses: <see cref="Threads"/> when set, else the workload's default.</summary>
    public int ThreadsFor(Contracts.IWorkload workload) => Threads ?? workload.DefaultThreads;

    /// <summary>Untimed warm-up steps before each trial.</summary>
    public int WarmupSteps { get; init; } = 2;

    /// <summary>Kill a trial process after this many seconds; 0 derives it from the workload's budget.</summary>
    public double TrialTimeoutSeconds { get; init; }

    /// <summary>Dataset root. Empty means the per-user cache (<c>~/.cache/bench/data</c>).</summary>
    public string Data { get; init; } = "";

    /// <summary>
    /// The dataset of the (single) workload run: empty for the workload's own dataset at the scale, a known name (<c>umls</c>,
    /// <c>wn18rr</c>, <c>sst2</c>) or a folder in the workload's documented layout (resolved to a full path).
    /// </summary>
    public string Dataset { get; init; } = "";

    /// <summary>
    /// The target for data without a calibration (a <see cref="Dataset"/> other than the scale's own), in the workload's
    /// metric and direction; NaN (not set): such trials have no target and report their final metric.
    /// </summary>
    public double Target { get; init; } = double.NaN;

    /// <summary>Train to the end of the budget even after the target is met (calibration); time-to-target is still the first hit.</summary>
    public bool FullBudget { get; init; }

    /// <summary>Download missing dataset files from their canonical URLs (BENCH_DOWNLOAD=false turns it off; CI does).</summary>
    public bool Download { get; init; } = true;

    /// <summary>Where runs write trial rows, curves and manifests (local, resumable).</summary>
    public string Results { get; init; } = "artifacts/results";

    /// <summary>Where <c>publish</c> writes the committed tables.</summary>
    public string Published { get; init; } = "results";

    /// <summary>Where trials run: <c>local</c> (a child process each, on this machine) or <c>slurm</c> (one job array on a Slurm cluster).</summary>
    public string Executor { get; init; } = "local";

    /// <summary>Slurm partition of the job array; empty: the cluster's default partition.</summary>
    public string SlurmPartition { get; init; } = "";

    /// <summary>Slurm account charged for the job array; empty: the user's default account.</summary>
    public string SlurmAccount { get; init; } = "";

    /// <summary>Most array tasks running at once (sbatch <c>--array=...%K</c>); 0: no limit beyond the cluster's.</summary>
    public int SlurmMaxParallel { get; init; }

    /// <summary>GPUs per array task (sbatch <c>--gpus-per-task</c>), for <c>--device cuda</c>; 0 asks for none.</summary>
    public int GpusPerTask { get; init; }

    /// <summary>Further sbatch arguments, split at spaces (e.g. <c>--qos=short --constraint=avx512</c>).</summary>
    public string SbatchArgs { get; init; } = "";

    /// <summary>
    /// The tool the array tasks run, on a file system the compute nodes share: a <c>repro.dll</c> (run with
    /// <c>dotnet</c>) or an executable. Empty: this build's own <c>repro.dll</c>.
    /// </summary>
    public string SlurmTool { get; init; } = "";

    /// <summary>
    /// A lock file each local trial holds exclusively while it runs (<see cref="Orchestration.CpuLockedExecutor"/>), so builds
    /// and other runs that take it (<c>flock FILE ...</c>) wait between trials instead of sharing the CPU with one. Empty: none.
    /// </summary>
    public string CpuLock { get; init; } = "";

    /// <summary>
    /// A run these trials join instead of starting their own (<see cref="Orchestration.RunExtension"/>): more seeds of its
    /// arms, compared with its baseline. Empty: the plan's own run.
    /// </summary>
    public string ExtendRun { get; init; } = "";

    /// <summary>Seeds this invocation runs.</summary>
    public IReadOnlyList<int> SeedList => Enumerable.Range(FirstSeed, Seeds).ToList();

    /// <summary>
    /// What determines one trial's result: the spec plus device, threads, warm-up and data root.
    /// Plan-level choices (how many seeds, which workloads) are left out; they do not change a trial.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ForTrial(string workload, string submission, int seed)
    {
        var values = new SortedDictionary<string, string?>(ToDictionary().ToDictionary(), StringComparer.Ordinal);
        foreach (var planLevel in new[] { nameof(Seeds), nameof(FirstSeed), nameof(Workloads), nameof(Submissions), nameof(Published),
                     nameof(Executor), nameof(SlurmPartition), nameof(SlurmAccount), nameof(SlurmMaxParallel), nameof(GpusPerTask), nameof(SbatchArgs), nameof(SlurmTool), nameof(ExtendRun) })
            values.Remove(planLevel);
        values["Workload"] = workload;
        values["Submission"] = submission;
        values["Seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return values;
    }

    /// <summary>The resolved values of this invocation.</summary>
    public IReadOnlyDictionary<string, string?> ToDictionary() => new SortedDictionary<string, string?>(StringComparer.Ordinal)
    {
        [nameof(Scale)] = Scale,
        [nameof(Seeds)] = Seeds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [nameof(FirstSeed)] = FirstSeed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [nameof(Workloads)] = Workloads,
        [nameof(Submissions)] = Submissions,
        [nameof(Device)] = Device,
        [nameof(Threads)] = Threads?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        [nameof(WarmupSteps)] = WarmupSteps.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [nameof(TrialTimeoutSeconds)] = TrialTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [nameof(Data)] = Data,
        [nameof(Dataset)] = Dataset,
        [nameof(Target)] = double.IsNaN(Target) ? "" : Target.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        [nameof(Download)] = Download ? "true" : "false",
        [nameof(FullBudget)] = FullBudget ? "true" : "false",
        [nameof(Results)] = Results,
        [nameof(Published)] = Published,
        [nameof(Executor)] = Executor,
        [nameof(SlurmPartition)] = SlurmPartition,
        [nameof(SlurmAccount)] = SlurmAccount,
        [nameof(SlurmMaxParallel)] = SlurmMaxParallel.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [nameof(GpusPerTask)] = GpusPerTask.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [nameof(SbatchArgs)] = SbatchArgs,
        [nameof(SlurmTool)] = SlurmTool,
        [nameof(CpuLock)] = CpuLock,
        [nameof(ExtendRun)] = ExtendRun,
    };
}
