namespace Bench.Repro.Cli;

/// <summary>One <c>--name value</c> option (or a <c>--name</c> flag) a command accepts.</summary>
public sealed record OptionSpec(string Name, string Description, bool IsFlag = false, string ValueName = "VALUE");
