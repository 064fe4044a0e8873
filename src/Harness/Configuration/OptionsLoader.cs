using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bench.Contracts;
using Bench.Harness.Torch;
using Microsoft.Extensions.Configuration;

namespace Bench.Harness.Configuration;

/// <summary>
/// Layers defaults (embedded <c>bench.defaults.json</c>), <c>BENCH_*</c> environment variables and the
/// command line into one validated <see cref="BenchOptions"/>. Every value is checked here, before any
/// work: a bad one is a <see cref="ConfigException"/> naming where it came from (<c>--seeds</c> or
/// <c>BENCH_SEEDS</c>), what is allowed and how to fix it. An unknown <c>BENCH_</c> variable is an error
/// too, naming the closest valid one, so a misspelt setting is never silently ignored.
/// </summary>
public static partial class OptionsLoader
{
    /// <summary>Scales every workload defines (a workload may add variants of them, e.g. <c>cpu-deep</c>).</summary>
    public static readonly IReadOnlyList<string> Scales = ["smoke", "cpu", "gpu"];

    /// <summary>Most seeds one invocation may plan.</summary>
    public const int MaxSeeds = 1000;

    /// <summary>Most libtorch threads accepted; more is a typo, not a machine.</summary>
    public const int MaxThreads = 1024;

    /// <summary>Most untimed warm-up steps accepted.</summary>
    public const int MaxWarmupSteps = 100_000;

    /// <summary>The embedded defaults, as messages name them.</summary>
    const string DefaultsFile = "bench.defaults.json";

    /// <summary>Longest trial timeout accepted (a week): anything longer is a typo, and 1e300 s would overflow a TimeSpan.</summary>
    public const double MaxTrialTimeoutSeconds = 7 * 24 * 3600;

    /// <summary>Every option that is a <see cref="BenchOptions"/> property, in help order.</summary>
    public static IReadOnlyList<ConfigurationKey> Keys { get; } =
    [
        new("scale", nameof(BenchOptions.Scale)),
        new("seeds", nameof(BenchOptions.Seeds)),
        new("first-seed", nameof(BenchOptions.FirstSeed)),
        new("workloads", nameof(BenchOptions.Workloads)),
        new("submissions", nameof(BenchOptions.Submissions)),
        new("device", nameof(BenchOptions.Device)),
        new("threads", nameof(BenchOptions.Threads)),
        new("warmup-steps", nameof(BenchOptions.WarmupSteps)),
        new("trial-timeout-seconds", nameof(BenchOptions.TrialTimeoutSeconds)),
        new("data", nameof(BenchOptions.Data)),
        new("dataset", nameof(BenchOptions.Dataset)),
        new("target", nameof(BenchOptions.Target)),
        new("download", nameof(BenchOptions.Download)),
        new("full-budget", nameof(BenchOptions.FullBudget)),
        new("results", nameof(BenchOptions.Results)),
        new("published", nameof(BenchOptions.Published)),
        new("executor", nameof(BenchOptions.Executor)),
        new("slurm-partition", nameof(BenchOptions.SlurmPartition)),
        new("slurm-account", nameof(BenchOptions.SlurmAccount)),
        new("slurm-max-parallel", nameof(BenchOptions.SlurmMaxParallel)),
        new("gpus-per-task", nameof(BenchOptions.GpusPerTask)),
        new("sbatch-args", nameof(BenchOptions.SbatchArgs)),
        new("slurm-tool", nameof(BenchOptions.SlurmTool)),
        new("cpu-lock", nameof(BenchOptions.CpuLock)),
        new("extend-run", nameof(BenchOptions.ExtendRun)),
    ];

    /// <summary>Where trials can run (<c>--executor</c>).</summary>
    public static readonly IReadOnlyList<string> Executors = ["local", "slurm"];

    /// <summary>
    /// <c>BENCH_</c> variables that are not options: read by other parts (the launcher, the repository
    /// lookup, the environment fingerprint), so the unknown-variable check lets them through.
    /// </summary>
    public static IReadOnlyDictionary<string, string> OtherVariables { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["BENCH_ROOT"] = "the Bench checkout to use (a folder holding Bench.sln) instead of searching up from the current directory",
        ["BENCH_NO_BUILD"] = "1: the repro launcher runs the existing build without checking whether sources changed",
        ["BENCH_GIT_COMMIT"] = "the commit recorded with results when the code is not a git checkout (an exported tree)",
    };

    /// <summary>
    /// Builds options. <paramref name="commandLine"/> holds option names without dashes
    /// (<c>seeds</c> → <c>"5"</c>); <paramref name="environment"/> defaults to the process environment.
    /// Relative paths are resolved against <paramref name="baseDirectory"/>. <paramref name="verbDefaults"/> (option names
    /// without dashes) replace the defaults file's values for one verb (the gate covers every workload) and, like them,
    /// give way to <c>BENCH_*</c> variables and the command line.
    /// </summary>
    public static BenchOptions Load(
        IReadOnlyDictionary<string, string?> commandLine,
        string baseDirectory,
        IReadOnlyDictionary<string, string?>? environment = null,
        IReadOnlyDictionary<string, string>? verbDefaults = null)
    {
        // Microsoft.Extensions.Configuration layers the three sources (later wins); each value keeps the name of the
        // layer that set it, so a bad one is reported as --seeds, BENCH_SEEDS or the defaults file.
        var sources = Defaults().ToDictionary(kv => kv.Key, kv => kv.Value.Source, StringComparer.Ordinal);
        var fromEnvironment = FromEnvironment(environment ?? ProcessEnvironment());
        var fromCommandLine = new List<(ConfigurationKey Key, string Value)>();
        foreach (var (name, value) in commandLine)
        {
            if (value is null) continue;
            var key = Keys.FirstOrDefault(k => k.Option == name)
                ?? throw new ArgumentException($"'{name}' is not a configuration option; valid: {string.Join(", ", Keys.Select(k => k.Option))}",
                    nameof(commandLine));
            fromCommandLine.Add((key, value));
        }
        var ofVerb = (verbDefaults ?? new Dictionary<string, string>()).Select(kv => (
            Key: Keys.FirstOrDefault(k => k.Option == kv.Key)
                ?? throw new ArgumentException($"'{kv.Key}' is not a configuration option", nameof(verbDefaults)),
            kv.Value)).ToList();
        using var defaults = DefaultsStream();
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(defaults)
            .AddInMemoryCollection(ofVerb.Select(v => KeyValuePair.Create(v.Key.Property, (string?)v.Value)))
            // Two agreeing spellings of one variable (checked above) are one value.
            .AddInMemoryCollection(fromEnvironment.GroupBy(e => e.Key.Property).Select(g => KeyValuePair.Create(g.Key, (string?)g.Last().Value)))
            .AddInMemoryCollection(fromCommandLine.Select(c => KeyValuePair.Create(c.Key.Property, (string?)c.Value)))
            .Build();
        foreach (var (key, _) in ofVerb) sources[key.Property] = "this command's default";
        foreach (var (key, _, variable) in fromEnvironment) sources[key.Property] = variable;
        foreach (var (key, _) in fromCommandLine) sources[key.Property] = "--" + key.Option;
        var values = Keys.ToDictionary(k => k.Property, k => new Setting(configuration[k.Property] ?? "", sources[k.Property]), StringComparer.Ordinal);
        return Validate(new Reader(values), baseDirectory);
    }

    /// <summary>A raw value and where it came from, for messages: <c>--seeds</c>, <c>BENCH_SEEDS</c> or the defaults file.</summary>
    readonly record struct Setting(string Value, string Source);

    static BenchOptions Validate(Reader read, string baseDirectory)
    {
        // Left empty by the defaults file: each workload scale's own count (WorkloadScale.DefaultSeeds). An empty --seeds or
        // BENCH_SEEDS is a caller's mistake (an unset shell variable), so it is refused rather than read as "the default".
        int? seeds = read.Text(nameof(BenchOptions.Seeds)).Trim().Length == 0 && read.Source(nameof(BenchOptions.Seeds))
            .EndsWith(DefaultsFile, StringComparison.Ordinal)
            ? null
            : read.Integer(nameof(BenchOptions.Seeds), 1, MaxSeeds);
        var firstSeed = read.Integer(nameof(BenchOptions.FirstSeed), 0, int.MaxValue);
        if ((long)firstSeed + (seeds ?? MaxSeeds) - 1 > int.MaxValue)
            throw new ConfigException(
                $"{read.Source(nameof(BenchOptions.FirstSeed))} {firstSeed} with " +
                (seeds is { } n ? $"{read.Source(nameof(BenchOptions.Seeds))} {n}" : $"up to {MaxSeeds} seeds (a workload's default)") +
                $" runs past the largest seed ({int.MaxValue}); use a first seed of at most {int.MaxValue - (seeds ?? MaxSeeds) + 1}.");
        var device = read.Text(nameof(BenchOptions.Device));
        if (!DevicePattern().IsMatch(device))
            throw new ConfigException($"unknown device '{Shorten(device)}'{FromVariable(read.Source(nameof(BenchOptions.Device)))}. Valid " +
                "devices: cpu, cuda, cuda:N.");
        if (TorchSetup.DeviceProblem(device, read.Source(nameof(BenchOptions.Device))) is { } problem) throw new ConfigException(problem);

        var data = read.Text(nameof(BenchOptions.Data));
        // A dataset is a known name (umls) or a folder; a folder is resolved here so a trial process in another directory finds it.
        var dataset = read.Text(nameof(BenchOptions.Dataset)).Trim();
        if (dataset.Contains('/') || dataset.StartsWith('.') || dataset.StartsWith('~')) dataset = read.Path(nameof(BenchOptions.Dataset), baseDirectory)
            .TrimEnd('/');
        return new BenchOptions
        {
            Scale = read.Scale(nameof(BenchOptions.Scale), Scales),
            Seeds = seeds,
            FirstSeed = firstSeed,
            Workloads = read.IdList(nameof(BenchOptions.Workloads)),
            Submissions = read.IdList(nameof(BenchOptions.Submissions)),
            Device = device,
            // Not set: each workload's own count (IWorkload.DefaultThreads).
            Threads = read.Text(nameof(BenchOptions.Threads)).Trim().Length == 0 ? null
                : read.Integer(nameof(BenchOptions.Threads), 0, MaxThreads, "0 keeps libtorch's default"),
            WarmupSteps = read.Integer(nameof(BenchOptions.WarmupSteps), 0, MaxWarmupSteps),
            TrialTimeoutSeconds = read.Seconds(nameof(BenchOptions.TrialTimeoutSeconds), MaxTrialTimeoutSeconds, "0 derives it from the budget"),
            Data = string.IsNullOrWhiteSpace(data) ? DefaultDataRoot() : read.Path(nameof(BenchOptions.Data), baseDirectory),
            Dataset = dataset,
            Target = read.OptionalNumber(nameof(BenchOptions.Target), "the metric value a trial on uncalibrated data must reach"),
            Download = read.Boolean(nameof(BenchOptions.Download)),
            FullBudget = read.Boolean(nameof(BenchOptions.FullBudget)),
            Results = read.Path(nameof(BenchOptions.Results), baseDirectory),
            Published = read.Path(nameof(BenchOptions.Published), baseDirectory),
            Executor = read.OneOf(nameof(BenchOptions.Executor), Executors),
            SlurmPartition = read.SlurmName(nameof(BenchOptions.SlurmPartition)),
            SlurmAccount = read.SlurmName(nameof(BenchOptions.SlurmAccount)),
            SlurmMaxParallel = read.Integer(nameof(BenchOptions.SlurmMaxParallel), 0, 100_000, "0 sets no limit"),
            GpusPerTask = read.Integer(nameof(BenchOptions.GpusPerTask), 0, 64, "0 asks for none"),
            SbatchArgs = read.Text(nameof(BenchOptions.SbatchArgs)).Trim(),
            SlurmTool = string.IsNullOrWhiteSpace(read.Text(nameof(BenchOptions.SlurmTool))) ? "" : read.Path(nameof(BenchOptions.SlurmTool), baseDirectory),
            CpuLock = string.IsNullOrWhiteSpace(read.Text(nameof(BenchOptions.CpuLock))) ? "" : read.Path(nameof(BenchOptions.CpuLock), baseDirectory),
            ExtendRun = read.Text(nameof(BenchOptions.ExtendRun)).Trim(),
        };
    }

    /// <summary>Typed, range-checked reads of the layered values; every failure names the value's source.</summary>
    sealed class Reader(Dictionary<string, Setting> values)
    {
        public string Source(string property) => values[property].Source;

        public string Text(string property) => values[property].Value;

        public int Integer(string property, int min, int max, string note = "")
        {
            var (text, source) = values[property];
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                throw new ConfigException($"{source} must be a whole number from {min} to {max}{(note.Length > 0 ? $" ({note})" : "")}, not " +
                    $"'{Shorten(text)}'.");
            if (value < min || value > max)
                throw new ConfigException($"{source} must be between {min} and {max} (got {value}{(note.Length > 0 ? "; " + note : "")}).");
            return value;
        }

        /// <summary>Empty is NaN (not set); anything else must be a finite number.</summary>
        public double OptionalNumber(string property, string meaning)
        {
            var (text, source) = values[property];
            if (string.IsNullOrWhiteSpace(text)) return double.NaN;
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value
                : throw new ConfigException($"{source} must be a number ({meaning}), not '{Shorten(text)}'.");
        }

        public double Seconds(string property, double max, string note)
        {
            var (text, source) = values[property];
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                throw new ConfigException($"{source} must be a number of seconds from 0 to {max:0} ({note}), not '{Shorten(text)}'.");
            if (value < 0 || value > max)
                throw new ConfigException($"{source} must be between 0 and {max:0} seconds, a week (got {Shorten(text)}; {note}).");
            return value;
        }

        public bool Boolean(string property)
        {
            var (text, source) = values[property];
            return text.Trim().ToLowerInvariant() switch
            {
                "true" or "1" => true,
                "false" or "0" => false,
                _ => throw new ConfigException($"{source} must be true or false, not '{Shorten(text)}'."),
            };
        }

        public string OneOf(string property, IReadOnlyList<string> choices)
        {
            var (text, source) = values[property];
            return choices.Contains(text) ? text
                : throw new ConfigException($"unknown {property.ToLowerInvariant()} '{Shorten(text)}'{FromVariable(source)}. Valid " +
                    $"{property.ToLowerInvariant()}s: {string.Join(", ", choices)}.");
        }

        /// <summary>
        /// One of the standard <paramref name="scales"/>, or a workload's variant of one (<c>cpu-deep</c>: the standard name, a
        /// dash, a lower-case word), which the workload itself then checks (a variant only some workloads define).
        /// </summary>
        public string Scale(string property, IReadOnlyList<string> scales)
        {
            var (text, source) = values[property];
            return scales.Contains(text)
                || scales.Any(s => text.StartsWith(s + "-", StringComparison.Ordinal) && ScaleVariantPattern().IsMatch(text[(s.Length + 1)..]))
                ? text
                : throw new ConfigException($"unknown scale '{Shorten(text)}'{FromVariable(source)}. Valid scales: {string.Join(", ", scales)}. " +
                    "A workload may add variants of them (cpu-deep).");
        }

        /// <summary>A Slurm partition or account name (letters, digits, <c>_ . -</c>), or empty for the cluster's default.</summary>
        public string SlurmName(string property)
        {
            var (text, source) = values[property];
            text = text.Trim();
            return text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-') ? text
                : throw new ConfigException($"{source} must be a Slurm name (letters, digits, '_', '.', '-') or empty for the cluster's " +
                    $"default, not '{Shorten(text)}'.");
        }

        /// <summary>A comma-separated id list or <c>all</c>; the ids themselves are checked against the registries by the tool.</summary>
        public string IdList(string property)
        {
            var (text, source) = values[property];
            return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length > 0 ? text
                : throw new ConfigException($"{source} needs at least one id, or 'all' (got '{Shorten(text)}').");
        }

        /// <summary>A path the file system can hold, resolved against <paramref name="baseDirectory"/>; nothing is created here.</summary>
        public string Path(string property, string baseDirectory)
        {
            var (text, source) = values[property];
            if (string.IsNullOrWhiteSpace(text) || text.Contains('\0'))
                throw new ConfigException($"{source} needs a folder path (got '{Shorten(text)}').");
            var full = System.IO.Path.GetFullPath(text, baseDirectory);
            // Linux limits: 255 bytes per name, 4096 per path. Checked now rather than after a trial has trained.
            if (Encoding.UTF8.GetByteCount(full) >= 4096 || full.Split('/').Any(part => Encoding.UTF8.GetByteCount(part) > 255))
                throw new ConfigException($"{source} is too long for a path (names up to 255 bytes, paths up to 4095): '{Shorten(text)}'.");
            return full;
        }
    }

    static Stream DefaultsStream() =>
        typeof(OptionsLoader).Assembly.GetManifestResourceStream("Bench.Harness.Configuration.bench.defaults.json")
            ?? throw new InvalidOperationException("embedded bench.defaults.json is missing");

    /// <summary>The embedded defaults, checked to name every configuration key and nothing else.</summary>
    static Dictionary<string, Setting> Defaults()
    {
        using var stream = DefaultsStream();
        using var json = JsonDocument.Parse(stream);
        var values = new Dictionary<string, Setting>(StringComparer.Ordinal);
        foreach (var property in json.RootElement.EnumerateObject())
        {
            if (!Keys.Any(k => k.Property == property.Name))
                throw new InvalidOperationException($"bench.defaults.json sets '{property.Name}', which is not a configuration key");
            var text = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            values[property.Name] = new Setting(text, $"{property.Name} in {DefaultsFile}");
        }
        foreach (var key in Keys.Where(k => !values.ContainsKey(k.Property)))
            throw new InvalidOperationException($"bench.defaults.json has no default for '{key.Property}'");
        return values;
    }

    /// <summary>The <c>BENCH_</c> settings in <paramref name="environment"/>; an unknown name stops with the closest valid one.</summary>
    static List<(ConfigurationKey Key, string Value, string Variable)> FromEnvironment(IReadOnlyDictionary<string, string?> environment)
    {
        var found = new List<(ConfigurationKey Key, string Value, string Variable)>();
        foreach (var (name, value) in environment.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith("BENCH_", StringComparison.OrdinalIgnoreCase) || value is null) continue;
            if (OtherVariables.ContainsKey(name.ToUpperInvariant())) continue;
            var key = Keys.FirstOrDefault(k => k.Variables.Contains(name, StringComparer.OrdinalIgnoreCase))
                ?? throw new ConfigException(UnknownVariable(name));
            if (found.FirstOrDefault(f => f.Key == key) is { Variable: not null } twice && twice.Value != value)
                throw new ConfigException($"{twice.Variable}={Shorten(twice.Value)} and {name}={Shorten(value)} both set --{key.Option}; unset one.");
            found.Add((key, value, name));
        }
        return found;
    }

    static string UnknownVariable(string name)
    {
        var closest = NameSuggestion.Closest(name, Keys.SelectMany(k => k.Variables).Concat(OtherVariables.Keys))!;
        // Suggest the documented spelling even when the older one is nearer.
        var preferred = Keys.FirstOrDefault(k => k.LegacyVariable == closest)?.Variable ?? closest;
        return $"unknown environment variable {Shorten(name)}: did you mean {preferred}? Rename or unset it ('repro --help' lists every BENCH_ variable).";
    }

    static IReadOnlyDictionary<string, string?> ProcessEnvironment() =>
        System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);

    /// <summary>The per-user dataset cache: <c>$XDG_CACHE_HOME/bench/data</c> or <c>~/.cache/bench/data</c>.</summary>
    public static string DefaultDataRoot() => Contracts.Data.DatasetStore.DefaultRoot;

    static string Shorten(string value) => ConfigException.Echo(value);

    /// <summary>Names the variable when a value came from the environment, where the user may not think to look.</summary>
    static string FromVariable(string source) => source.StartsWith("BENCH_", StringComparison.Ordinal) ? $" (from {source})" : "";

    [GeneratedRegex("^(cpu|cuda(:[0-9]{1,3})?)$")]
    private static partial Regex DevicePattern();

    [GeneratedRegex("^[a-z][a-z0-9]{0,15}$")]
    private static partial Regex ScaleVariantPattern();
}
