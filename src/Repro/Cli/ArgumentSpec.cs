namespace Bench.Repro.Cli;

/// <summary>A positional argument a command accepts (at most one value each; the command says when it is required).</summary>
public sealed record ArgumentSpec(string Name, string Description);
