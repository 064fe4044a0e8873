using Bench.Harness;
using Bench.Harness.Configuration;

namespace Bench.Repro.Cli;

/// <summary>Options several verbs share, defined once, and their binding into <see cref="BenchOptions"/>.</summary>
public static class SharedOptions
{
    public static readonly OptionSpec Scale = new("scale", "smoke | cpu | gpu, or a workload's variant such as cpu-deep (default cpu)", ValueName: "SCALE");
    public static readonly OptionSpec Seeds = new("seeds", "seeds per (workload, submission) (default: the workload's own, set from its noise floor; " +
        "'repro list workloads')", ValueName: "N");
    public static readonly OptionSpec FirstSeed = new("first-seed", "first seed (default 0)", ValueName: "N");
    public static readonly OptionSpec Workloads = new("workloads", "comma-separated workload ids or 'all' (alias --workload; speedrun default modadd)",
        ValueName: "IDS");
    public static readonly OptionSpec Submissions = new("submissions", "comma-separated submission ids or 'all' (alias --submission)", ValueName: "IDS");
    public static readonly OptionSpec Device = new("device", "cpu | cuda | cuda:N (default cpu)", ValueName: "DEVICE");
    public static readonly OptionSpec Threads = new("threads", "libtorch intra-op threads, 0 = libtorch default (default: the workload's own, 2 unless " +
        "its card says otherwise)", ValueName: "N");
    public static readonly OptionSpec WarmupSteps = new("warmup-steps", "untimed warm-up steps before each trial (default 2)", ValueName: "N");
    public static readonly OptionSpec TrialTimeout = new("trial-timeout-seconds", "kill a trial process after this long, at most 604800 (a week); 0 = " +
        "2x the time cap + 120 s", ValueName: "SECONDS");
    public static readonly OptionSpec Data = new("data", "dataset root (default ~/.cache/bench/data)", ValueName: "DIR");
    public static readonly OptionSpec Dataset = new("dataset", "the workload's dataset: a known name (umls, wn18rr, sst2) or a folder in its documented " +
        "layout; other data runs with no target (default: the scale's own)", ValueName: "NAME|PATH");
    public static readonly OptionSpec Target = new("target", "the target for a --dataset without calibration, in the workload's metric and direction " +
        "(default: none, the final metric is reported)", ValueName: "VALUE");
    public static readonly OptionSpec Download = new("download", "download missing dataset files: true | false (default true)", ValueName: "BOOL");
    public static readonly OptionSpec FullBudget = new("full-budget", "train to the end of the budget after reaching the target (calibration)", IsFlag: true);
    public static readonly OptionSpec Results = new("results", "where runs write rows, curves, manifests (default artifacts/results)", ValueName: "DIR");
    public static readonly OptionSpec Published = new("published", "where publish writes the committed tables (default results)", ValueName: "DIR");
    public static readonly OptionSpec InProcess = new("in-process", "run trials in this process (no isolation; for debugging)", IsFlag: true);
    public static readonly OptionSpec Hparam = new("hparam", "override a hyperparameter: NAME=VALUE (or SUBMISSION.NAME=VALUE); repeatable; " +
        "`repro show <id>` lists them", ValueName: "NAME=VALUE", Repeatable: true);
    public static readonly OptionSpec Hparams = new("hparams", "hyperparameter overrides from a JSON file: {\"name\": value, " +
        "\"submission\": {\"name\": value}}", ValueName: "FILE");
    public static readonly OptionSpec Format = new("format", "table | csv | json (default table)", ValueName: "FORMAT");
    public static readonly OptionSpec CpuLock = new("cpu-lock", "hold this lock file (flock) for the whole of each trial, so builds run as `flock FILE ...` " +
        "wait between trials (default: none)", ValueName: "FILE");
    public static readonly OptionSpec ExtendRun = new("extend-run", "add this plan's seeds to an earlier run of the same arms (same workloads, submissions, " +
        "scale, hyperparameters), so they compare with its baseline (default: the plan's own run)", ValueName: "RUN");
    public static readonly OptionSpec DryRun = new("dry-run", "check everything and print the trials that would run, then stop: nothing is trained or written",
        IsFlag: true);

    public static readonly OptionSpec Executor = new("executor", "where trials run: local (a child process each) | slurm (one sbatch job array; see 'Running " +
        "on a cluster') (default local)", ValueName: "local|slurm");
    public static readonly OptionSpec SlurmPartition = new("slurm-partition", "with --executor slurm: the partition (default: the cluster's default)",
        ValueName: "NAME");
    public static readonly OptionSpec SlurmAccount = new("slurm-account", "with --executor slurm: the account to charge (default: yours)", ValueName: "NAME");
    public static readonly OptionSpec SlurmMaxParallel = new("slurm-max-parallel", "with --executor slurm: most array tasks running at once (%K); " +
        "0 = no limit (default 0)", ValueName: "K");
    public static readonly OptionSpec GpusPerTask = new("gpus-per-task", "with --executor slurm and --device cuda: GPUs per array task (default 0); each " +
        "task gets --threads CPUs and the trial timeout as its time limit", ValueName: "N");
    public static readonly OptionSpec SbatchArgs = new("sbatch-args", "with --executor slurm: further sbatch arguments, split at spaces (e.g. " +
        "'--qos=short --constraint=avx512')", ValueName: "ARGS", ValueMayBeOptions: true);
    public static readonly OptionSpec SlurmTool = new("slurm-tool", "with --executor slurm: the repro.dll (or executable) the tasks run, on a file system " +
        "the nodes share (default: this build)", ValueName: "PATH");

    /// <summary>Where trials run: the executor and its Slurm settings.</summary>
    public static readonly IReadOnlyList<OptionSpec> Executors = [Executor, SlurmPartition, SlurmAccount, SlurmMaxParallel, GpusPerTask, SbatchArgs, SlurmTool];

    /// <summary>Every verb accepts --help.</summary>
    public static readonly IReadOnlyList<OptionSpec> Help = [new("help", "show this help", IsFlag: true)];

    /// <summary>How a verb that plans its own trials (tune, noise) runs them: scale, seeds' start, machine, data, results.</summary>
    public static readonly IReadOnlyList<OptionSpec> ExecutionOptions =
        [Scale, FirstSeed, Device, Threads, WarmupSteps, TrialTimeout, Data, Download, Results, InProcess, DryRun, CpuLock, .. Executors];

    /// <summary>What a verb that runs trials accepts.</summary>
    public static readonly IReadOnlyList<OptionSpec> Running =
        [Scale, Seeds, FirstSeed, Workloads, Submissions, Device, Threads, WarmupSteps, TrialTimeout, Data, Dataset, Target, Download, FullBudget, Results,
            InProcess, DryRun, Hparam, Hparams, CpuLock, ExtendRun, .. Executors];

    /// <summary>Other spellings an option accepts (names without dashes).</summary>
    public static IReadOnlyList<string> AliasesOf(string name) => name switch
    {
        "workloads" => ["workload"],
        "submissions" => ["submission"],
        _ => [],
    };

    /// <summary>The <c>--hparam</c> and <c>--hparams</c> overrides among <paramref name="arguments"/>.</summary>
    public static Execution.HyperparameterOverrides Overrides(ParsedArguments arguments) => Execution.HyperparameterOverrides.Parse(
        arguments.Value("hparam")?.Split('\n') ?? [], arguments.Value("hparams"));

    /// <summary>The environment variable(s) that set option <paramref name="name"/>, e.g. "BENCH_FIRST_SEED (or BENCH_FIRSTSEED)"; empty if none.</summary>
    public static string VariablesOf(string name) =>
        OptionsLoader.Keys.FirstOrDefault(k => k.Option == name) is { } key
            ? key.Variable + (key.LegacyVariable != key.Variable ? $" (or {key.LegacyVariable})" : "")
            : "";

    /// <summary>A verb default: every registered workload (run, gate), still narrowed by BENCH_WORKLOADS or --workloads.</summary>
    public static readonly IReadOnlyDictionary<string, string> EveryWorkload = new Dictionary<string, string> { ["workloads"] = "all" };

    /// <summary>
    /// Binds the configuration options among <paramref name="arguments"/>: the defaults file, then this verb's own
    /// <paramref name="verbDefaults"/> (e.g. the gate's <c>workloads=all</c>), then BENCH_*, then the command line.
    /// </summary>
    public static BenchOptions Bind(ParsedArguments arguments, IReadOnlyDictionary<string, string>? verbDefaults = null)
    {
        var configKeys = OptionsLoader.Keys.Select(k => k.Option).ToHashSet();
        var commandLine = arguments.Options.Where(kv => configKeys.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        return OptionsLoader.Load(commandLine, RepositoryRoot.Find() ?? Directory.GetCurrentDirectory(), verbDefaults: verbDefaults);
    }
}
