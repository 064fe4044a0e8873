namespace Bench.Repro.Cli;

/// <summary>One <c>--name value</c> option (or a <c>--name</c> flag) a command accepts.</summary>
/// <remarks>
/// A <paramref name="Repeatable"/> option may be given several times; its values are kept in order, one per line. An
/// option whose value is other options (<paramref name="ValueMayBeOptions"/>, e.g. <c>--sbatch-args '--qos=short'</c>)
/// accepts a value that starts with <c>--</c>.
/// </remarks>
public sealed record OptionSpec(string Name, string Description, bool IsFlag = false, string ValueName = "VALUE", bool Repeatable = false,
    bool ValueMayBeOptions = false);
