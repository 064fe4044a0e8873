using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Spectre.Console;

namespace Bench.Repro.Display;

/// <summary>One table written for people (Spectre) or scripts (CSV via CsvHelper, JSON).</summary>
public static class TableOutput
{
    public static void Write(IAnsiConsole console, string format, string title, string[] headers, IReadOnlyList<string[]> rows)
    {
        var output = console.Profile.Out.Writer;
        switch (format)
        {
            case "csv":
                using (var csv = CsvWriter.Create(output, new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\n" },
                    leaveOpen: true))
                {
                    csv.WriteHeader(headers);
                    foreach (var row in rows) csv.WriteRecord(row);
                }
                break;
            case "json":
                output.WriteLine(JsonSerializer.Serialize(
                    rows.Select(r => headers.Zip(r).ToDictionary(x => x.First, x => x.Second)),
                    new JsonSerializerOptions { WriteIndented = true }));
                break;
            default:
                var table = new Table().Title(Markup.Escape($"{title} ({rows.Count})")).AddColumns(headers.Select(Markup.Escape).ToArray());
                foreach (var row in rows) table.AddRow(row.Select(Markup.Escape).ToArray());
                console.Write(table);
                break;
        }
    }
}
