namespace Bench.Harness.Configuration;

/// <summary>
/// One <see cref="BenchOptions"/> property as the user sets it: the command-line option (<c>--first-seed</c>)
/// and the environment variable (<c>BENCH_FIRST_SEED</c>, dashes as underscores). <see cref="LegacyVariable"/>
/// is the spelling without separators (<c>BENCH_FIRSTSEED</c>) that earlier versions read; it stays valid.
/// </summary>
public sealed record ConfigurationKey(string Option, string Property)
{
    /// <summary>The environment variable, e.g. <c>BENCH_FIRST_SEED</c>.</summary>
    public string Variable => "BENCH_" + Option.ToUpperInvariant().Replace('-', '_');

    /// <summary>The older spelling, e.g. <c>BENCH_FIRSTSEED</c>; the same as <see cref="Variable"/> for one-word options.</summary>
    public string LegacyVariable => "BENCH_" + Property.ToUpperInvariant();

    /// <summary>Every variable name that sets this key.</summary>
    public IEnumerable<string> Variables => Variable == LegacyVariable ? [Variable] : [Variable, LegacyVariable];
}
