namespace Bench.Repro.Cli;

/// <summary>A command line split into positional arguments and options (names without dashes).</summary>
public sealed record ParsedArguments(IReadOnlyList<string> Positionals, IReadOnlyDictionary<string, string?> Options)
{
    /// <summary>True when flag <paramref name="name"/> was given (or set to true).</summary>
    public bool Flag(string name) => Options.TryGetValue(name, out var v) && (v is null || v.Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>The value of option <paramref name="name"/>, or null.</summary>
    public string? Value(string name) => Options.TryGetValue(name, out var v) ? v : null;
}
