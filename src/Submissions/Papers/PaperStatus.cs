namespace Bench.Submissions.Papers;

/// <summary>Where a paper stands in the suite. No paper is ever silently dropped.</summary>
public enum PaperStatus
{
    /// <summary>A registered submission implements it and runs through the harness.</summary>
    Implemented,
    /// <summary>Reproducible here (fully or partly) but not implemented yet.</summary>
    Planned,
    /// <summary>Cannot be reproduced on this suite's hardware or data; the reason says why.</summary>
    OutOfScope,
}

/// <summary>The registry's spelling of each status.</summary>
public static class PaperStatuses
{
    public static readonly IReadOnlyDictionary<string, PaperStatus> ByText = new Dictionary<string, PaperStatus>
    {
        ["implemented"] = PaperStatus.Implemented,
        ["planned"] = PaperStatus.Planned,
        ["out-of-scope"] = PaperStatus.OutOfScope,
    };

    public static PaperStatus Parse(string text) => ByText.TryGetValue(text, out var status)
        ? status
        : throw new FormatException($"unknown paper status '{text}'. Valid statuses: {string.Join(", ", ByText.Keys)}.");

    public static string Text(this PaperStatus status) => ByText.Single(kv => kv.Value == status).Key;
}
