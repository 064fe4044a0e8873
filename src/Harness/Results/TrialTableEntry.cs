namespace Bench.Harness.Results;

/// <summary>
/// One record of <c>trials.csv</c> as <see cref="TrialTable.Scan"/> read it: the line it starts on and how many lines
/// it spans (a quoted error message may hold line breaks), and either its row or what is wrong with it. The header is
/// an entry too, with no row.
/// </summary>
public sealed record TrialTableEntry(int Line, int LineCount, TrialRecord? Record, string? Problem);
