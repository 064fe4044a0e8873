using System.Globalization;
using CsvHelper;

namespace Bench.Submissions.Papers;

/// <summary>
/// One row of the paper registry (<c>papers.csv</c> beside this file): the columns of
/// <c>shared/papers.csv</c> plus the suite's status for the paper, the reason, and a runnable proxy.
/// </summary>
[CsvRecord]
public sealed partial record Paper
{
    [CsvColumn("id")] public string Id { get; init; } = "";
    [CsvColumn("title")] public string Title { get; init; } = "";
    [CsvColumn("arxiv")] public string Arxiv { get; init; } = "";
    [CsvColumn("claim")] public string Claim { get; init; } = "";
    [CsvColumn("claim_factor")] public string ClaimFactorText { get; init; } = "";
    [CsvColumn("claim_kind")] public string ClaimKind { get; init; } = "";
    [CsvColumn("category")] public string Category { get; init; } = "";
    [CsvColumn("scale_down")] public string ScaleDown { get; init; } = "";
    [CsvColumn("feasible")] public string Feasible { get; init; } = "";
    [CsvColumn("workload")] public string Workload { get; init; } = "";
    [CsvColumn("notes")] public string Notes { get; init; } = "";
    [CsvColumn("status")] public string StatusText { get; init; } = "";
    [CsvColumn("status_reason")] public string StatusReason { get; init; } = "";
    [CsvColumn("proxy")] public string Proxy { get; init; } = "";

    /// <summary>The claimed speedup factor, or null when the paper gives no number.</summary>
    public double? ClaimFactor => ClaimFactorText.Length == 0
        ? null
        : double.TryParse(ClaimFactorText, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : double.NaN;

    /// <summary>The parsed status; <see cref="PaperRegistry"/> rejects unknown texts at load.</summary>
    public PaperStatus Status => PaperStatuses.Parse(StatusText);
}
