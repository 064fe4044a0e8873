namespace Bench.Harness.Orchestration;

/// <summary>
/// How to start one trial's process: the program and its arguments. The tool above the harness builds it for a
/// (plan file, index), so the harness knows no verb or option of that tool.
/// </summary>
public sealed record ChildCommandLine(string FileName, IReadOnlyList<string> Arguments);
