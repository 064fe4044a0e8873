using System.Globalization;
using System.Text;
using CsvHelper;

namespace Bench.Repro.Publishing;

/// <summary>
/// One published table, written twice from the same cells: Markdown for README.md and CSV under
/// <c>tables/</c>, so what people read and what scripts read can never disagree.
/// </summary>
public sealed record PublishedTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<string[]> Rows)
{
    /// <summary>Path of the CSV relative to the results folder.</summary>
    public string CsvPath => $"tables/{Name}.csv";

    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine("| " + string.Join(" | ", Headers.Select(Escape)) + " |");
        md.AppendLine("|" + string.Concat(Headers.Select(_ => "---|")));
        foreach (var row in Rows) md.AppendLine("| " + string.Join(" | ", row.Select(Escape)) + " |");
        return md.ToString();
    }

    public string Csv()
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\n" }, leaveOpen: true))
        {
            csv.WriteHeader([.. Headers]);
            foreach (var row in Rows) csv.WriteRecord(row);
        }
        return text.ToString();
    }

    static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
