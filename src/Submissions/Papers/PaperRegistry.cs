using System.Globalization;
using Bench.Contracts;
using CsvHelper;

namespace Bench.Submissions.Papers;

/// <summary>
/// Every paper the suite must cover, loaded from the embedded <c>papers.csv</c> and validated at load:
/// unique ids, known categories and statuses, parsable claim factors, a reason for every paper not
/// implemented, and statuses that agree with the registered submissions.
/// </summary>
public static class PaperRegistry
{
    /// <summary>Categories of <c>shared/papers.csv</c>; a new one must be added here deliberately.</summary>
    public static readonly IReadOnlySet<string> Categories = new HashSet<string>(StringComparer.Ordinal)
    {
        "architecture", "batch-size", "benchmark-methodology", "data-pipeline", "data-selection", "diffusion-inference",
        "distributed-systems", "evaluation-metric", "inference-acceleration", "low-rank", "lr-schedule", "moe", "optimizer",
        "other", "precision-quantization", "progressive-growth", "recipe-bag-of-tricks", "rl", "sparsity", "token-dropping",
        "weight-averaging",
    };

    static readonly Lazy<IReadOnlyList<Paper>> Loaded = new(() => Load(ReadEmbedded(), SubmissionRegistry.All.Select(s => s.PaperId)));

    /// <summary>All papers in file order.</summary>
    public static IReadOnlyList<Paper> All => Loaded.Value;

    /// <summary>The paper with id <paramref name="id"/>; a clear error naming close matches otherwise.</summary>
    public static Paper Get(string id) =>
        All.FirstOrDefault(p => p.Id == id)
        ?? throw new ConfigException($"unknown paper '{id}'. {Suggest(id)}Run 'repro list' for all {All.Count} ids.");

    /// <summary>Parses and validates registry text; <paramref name="implementedPaperIds"/> are the papers submissions implement.</summary>
    public static IReadOnlyList<Paper> Load(string csvText, IEnumerable<string> implementedPaperIds)
    {
        List<Paper> papers;
        using (var csv = CsvReader.FromText(csvText, new CsvReaderOptions { FormatProvider = CultureInfo.InvariantCulture }))
            papers = csv.GetRecords<Paper>().ToList();

        var problems = new List<string>();
        foreach (var duplicate in papers.GroupBy(p => p.Id).Where(g => g.Count() > 1))
            problems.Add($"duplicate id '{duplicate.Key}'");
        foreach (var p in papers)
        {
            if (string.IsNullOrWhiteSpace(p.Id)) problems.Add("a row has no id");
            if (!Categories.Contains(p.Category)) problems.Add($"{p.Id}: unknown category '{p.Category}'");
            if (p.ClaimFactor is double f && !(f > 0)) problems.Add($"{p.Id}: claim_factor '{p.ClaimFactorText}' is not a positive number");
            if (!PaperStatuses.ByText.ContainsKey(p.StatusText)) problems.Add($"{p.Id}: unknown status '{p.StatusText}' (valid: " +
                $"{string.Join(", ", PaperStatuses.ByText.Keys)})");
            else if (p.Status == PaperStatus.OutOfScope && string.IsNullOrWhiteSpace(p.StatusReason)) problems.Add($"{p.Id}: out-of-scope without a reason");
        }
        var ids = papers.Select(p => p.Id).ToHashSet();
        var implemented = implementedPaperIds.Where(id => id != SubmissionRegistry.BaselineId).ToHashSet();
        foreach (var id in implemented.Where(id => !ids.Contains(id)))
            problems.Add($"a submission implements '{id}', which is not in the registry");
        foreach (var p in papers.Where(p => PaperStatuses.ByText.ContainsKey(p.StatusText)))
        {
            if (p.Status == PaperStatus.Implemented && !implemented.Contains(p.Id)) problems.Add($"{p.Id}: status implemented but no submission implements it");
            if (p.Status != PaperStatus.Implemented && implemented.Contains(p.Id)) problems.Add($"{p.Id}: a submission implements it but its " +
                $"status is {p.StatusText}");
        }
        foreach (var p in papers.Where(p => p.Proxy.Length > 0 && !ids.Contains(p.Proxy)))
            problems.Add($"{p.Id}: proxy '{p.Proxy}' is not a paper id");

        if (problems.Count > 0)
            throw new InvalidDataException("paper registry (src/Submissions/Papers/papers.csv) is invalid:\n  " + string.Join("\n  ", problems));
        return papers;
    }

    static string ReadEmbedded()
    {
        using var stream = typeof(PaperRegistry).Assembly.GetManifestResourceStream("Bench.Submissions.Papers.papers.csv")
            ?? throw new InvalidOperationException("embedded papers.csv is missing");
        return new StreamReader(stream).ReadToEnd();
    }

    static string Suggest(string id)
    {
        var close = All.Where(p => p.Id.Contains(id, StringComparison.OrdinalIgnoreCase) || id.Contains(p.Id, StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Id).Take(5).ToList();
        return close.Count > 0 ? $"Did you mean: {string.Join(", ", close)}? " : "";
    }
}
