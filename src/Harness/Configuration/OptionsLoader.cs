using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Bench.Harness.Configuration;

/// <summary>Layers defaults, environment and command line into a validated <see cref="BenchOptions"/>.</summary>
public static partial class OptionsLoader
{
    /// <summary>Scales every workload defines.</summary>
    public static readonly IReadOnlyList<string> Scales = ["smoke", "cpu", "gpu"];

    /// <summary>
    /// Builds options. <paramref name="commandLine"/> holds option names without dashes
    /// (<c>seeds</c> → <c>"5"</c>); <paramref name="environment"/> defaults to the process environment.
    /// Relative paths are resolved against <paramref name="baseDirectory"/>.
    /// </summary>
    public static BenchOptions Load(
        IReadOnlyDictionary<string, string?> commandLine,
        string baseDirectory,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var builder = new ConfigurationBuilder();
        using var defaults = typeof(OptionsLoader).Assembly.GetManifestResourceStream("Bench.Harness.Configuration.bench.defaults.json")
            ?? throw new InvalidOperationException("embedded bench.defaults.json is missing");
        builder.AddJsonStream(defaults);
        if (environment is null) builder.AddEnvironmentVariables("BENCH_");
        else builder.AddInMemoryCollection(environment
            .Where(kv => kv.Key.StartsWith("BENCH_", StringComparison.Ordinal))
            .Select(kv => new KeyValuePair<string, string?>(kv.Key["BENCH_".Length..], kv.Value)));
        builder.AddInMemoryCollection(commandLine.Select(kv => new KeyValuePair<string, string?>(kv.Key.Replace("-", ""), kv.Value)));
        var configuration = builder.Build();

        BenchOptions options;
        try
        {
            options = configuration.Get<BenchOptions>(b => b.ErrorOnUnknownConfiguration = false) ?? new BenchOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new ConfigException($"invalid configuration: {e.Message} Fix the value on the command line or in BENCH_* variables.");
        }
        return Validate(options, baseDirectory);
    }

    static BenchOptions Validate(BenchOptions o, string baseDirectory)
    {
        if (!Scales.Contains(o.Scale))
            throw new ConfigException($"unknown scale '{o.Scale}'. Valid scales: {string.Join(", ", Scales)}.");
        if (o.Seeds is < 1 or > 1000)
            throw new ConfigException($"--seeds must be between 1 and 1000 (got {o.Seeds}).");
        if (o.FirstSeed < 0)
            throw new ConfigException($"--first-seed must be >= 0 (got {o.FirstSeed}).");
        if (o.Threads < 0)
            throw new ConfigException($"--threads must be >= 0 (got {o.Threads}; 0 keeps libtorch's default).");
        if (o.WarmupSteps < 0)
            throw new ConfigException($"--warmup-steps must be >= 0 (got {o.WarmupSteps}).");
        if (o.TrialTimeoutSeconds < 0)
            throw new ConfigException($"--trial-timeout-seconds must be >= 0 (got {o.TrialTimeoutSeconds}; 0 derives it from the budget).");
        if (!DevicePattern().IsMatch(o.Device))
            throw new ConfigException($"unknown device '{o.Device}'. Valid devices: cpu, cuda, cuda:N.");

        var data = string.IsNullOrWhiteSpace(o.Data) ? DefaultDataRoot() : Path.GetFullPath(o.Data, baseDirectory);
        return o with
        {
            Data = data,
            Results = Path.GetFullPath(o.Results, baseDirectory),
            Published = Path.GetFullPath(o.Published, baseDirectory),
        };
    }

    /// <summary>The per-user dataset cache: <c>$XDG_CACHE_HOME/bench/data</c> or <c>~/.cache/bench/data</c>.</summary>
    public static string DefaultDataRoot()
    {
        var cache = System.Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrWhiteSpace(cache))
            cache = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "bench", "data");
    }

    [GeneratedRegex("^(cpu|cuda(:[0-9]+)?)$")]
    private static partial Regex DevicePattern();
}
