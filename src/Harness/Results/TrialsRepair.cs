namespace Bench.Harness.Results;

/// <summary>
/// What <see cref="ResultsStore.Repair"/> did: rows kept, the problems found (one per bad record, with its line), the
/// untouched copy of the damaged file and the side file with its bad lines (both null when nothing was wrong).
/// </summary>
public sealed record TrialsRepair(string File, int Kept, IReadOnlyList<string> Problems, string? DamagedCopy, string? RejectedLines);
