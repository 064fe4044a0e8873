using Bench.Harness;
using Bench.Harness.Configuration;

namespace Bench.Repro.Cli;

/// <summary>Options several verbs share, defined once, and their binding into <see cref="BenchOptions"/>.</summary>
public static class SharedOptions
{
    public static readonly OptionSpec Scale = new("scale", "smoke | cpu | gpu (default cpu)", ValueName: "SCALE");
    public static readonly OptionSpec Seeds = new("seeds", "seeds per (workload, submission) (default 3)", ValueName: "N");
    public static readonly OptionSpec FirstSeed = new("first-seed", "first seed (default 0)", ValueName: "N");
    public static readonly OptionSpec Workloads = new("workloads", "comma-separated workload ids or 'all' (alias --workload; speedrun default modadd)", ValueName: "IDS");
    public static readonly OptionSpec Submissions = new("submissions", "comma-separated submission ids or 'all' (alias --submission)", ValueName: "IDS");
    public static readonly OptionSpec Device = new("device", "cpu | cuda | cuda:N (default cpu)", ValueName: "DEVICE");
    public static readonly OptionSpec Threads = new("threads", "libtorch intra-op threads, 0 = libtorch default (default 2)", ValueName: "N");
    public static readonly OptionSpec WarmupSteps = new("warmup-steps", "untimed warm-up steps before each trial (default 2)", ValueName: "N");
    public static readonly OptionSpec TrialTimeout = new("trial-timeout-seconds", "kill a trial process after this long; 0 = 2x the time cap + 120 s", ValueName: "SECONDS");
    public static readonly OptionSpec Data = new("data", "dataset root (env BENCH_DATA; default ~/.cache/bench/data)", ValueName: "DIR");
    public static readonly OptionSpec Download = new("download", "download missing dataset files: true | false (env BENCH_DOWNLOAD; default true)", ValueName: "BOOL");
    public static readonly OptionSpec FullBudget = new("full-budget", "train to the end of the budget after reaching the target (calibration)", IsFlag: true);
    public static readonly OptionSpec Results = new("results", "where runs write rows, curves, manifests (default artifacts/results)", ValueName: "DIR");
    public static readonly OptionSpec Published = new("published", "where publish writes the committed tables (default results)", ValueName: "DIR");
    public static readonly OptionSpec InProcess = new("in-process", "run trials in this process (no isolation; for debugging)", IsFlag: true);
    public static readonly OptionSpec Format = new("format", "table | csv | json (default table)", ValueName: "FORMAT");

    /// <summary>Every verb accepts --help.</summary>
    public static readonly IReadOnlyList<OptionSpec> Help = [new("help", "show this help", IsFlag: true)];

    /// <summary>What a verb that runs trials accepts.</summary>
    public static readonly IReadOnlyList<OptionSpec> Running =
        [Scale, Seeds, FirstSeed, Workloads, Submissions, Device, Threads, WarmupSteps, TrialTimeout, Data, Download, FullBudget, Results, InProcess];

    /// <summary>The options that are <see cref="BenchOptions"/> keys (name without dashes = property name).</summary>
    static readonly IReadOnlyList<OptionSpec> Configuration =
        [Scale, Seeds, FirstSeed, Workloads, Submissions, Device, Threads, WarmupSteps, TrialTimeout, Data, Download, FullBudget, Results, Published];

    /// <summary>Maps aliases to the canonical option name.</summary>
    public static string Canonical(string name) => name switch
    {
        "workload" => "workloads",
        "submission" => "submissions",
        _ => name,
    };

    /// <summary>Binds the configuration options among <paramref name="arguments"/> (defaults, then BENCH_*, then these).</summary>
    public static BenchOptions Bind(ParsedArguments arguments)
    {
        var configKeys = Configuration.Select(o => o.Name).ToHashSet();
        var commandLine = arguments.Options.Where(kv => configKeys.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        return OptionsLoader.Load(commandLine, RepositoryRoot.Find() ?? Directory.GetCurrentDirectory());
    }
}
