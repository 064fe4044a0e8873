using System.Globalization;
using System.Text.Json;

namespace Bench.Micro.Reports;

/// <summary>
/// The latest BenchmarkDotNet results under a micro-benchmark folder (<c>results/micro</c>): the classes
/// listed in its <c>papers.csv</c> (<c>benchmark,baseline,papers</c>: full class name, baseline method,
/// paper ids separated by ';') and their <c>results/&lt;class&gt;-report-full.json</c> files, as
/// candidate-versus-baseline rows. Reads JSON rather than the CSV table because the JSON carries raw
/// nanoseconds, while the CSV formats means with units.
/// </summary>
public sealed class MicroReports(IReadOnlyList<MicroComparison> rows)
{
    /// <summary>The mapping file's name inside the micro folder.</summary>
    public const string PapersFile = "papers.csv";

    /// <summary>Every comparison, in mapping-file order, then parameter and method order of the report.</summary>
    public IReadOnlyList<MicroComparison> All { get; } = rows;

    /// <summary>The comparisons of the classes tagged with <paramref name="paperId"/>.</summary>
    public IReadOnlyList<MicroComparison> ForPaper(string paperId) =>
        All.Where(r => r.PaperIds.Contains(paperId, StringComparer.OrdinalIgnoreCase)).ToList();

    /// <summary>Reads <paramref name="folder"/>; a missing mapping or report means no rows for it.</summary>
    public static MicroReports Load(string folder)
    {
        var mapping = Path.Combine(folder, PapersFile);
        if (!File.Exists(mapping)) return new([]);
        var rows = new List<MicroComparison>();
        foreach (var entry in ReadMapping(File.ReadAllLines(mapping)))
        {
            var report = Path.Combine(folder, "results", entry.Benchmark + "-report-full.json");
            if (File.Exists(report)) rows.AddRange(Parse(File.ReadAllText(report), entry.Benchmark, entry.Baseline, entry.Papers));
        }
        return new(rows);
    }

    /// <summary>The mapping rows (header skipped, blank lines ignored).</summary>
    public static IReadOnlyList<(string Benchmark, string Baseline, IReadOnlyList<string> Papers)> ReadMapping(IEnumerable<string> lines) =>
        lines.Skip(1).Where(l => l.Trim().Length > 0).Select(line =>
        {
            var fields = line.Split(',');
            if (fields.Length != 3) throw new InvalidDataException($"{PapersFile}: expected benchmark,baseline,papers in '{line}'");
            IReadOnlyList<string> papers = fields[2].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return (fields[0].Trim(), fields[1].Trim(), papers);
        }).ToList();

    /// <summary>
    /// Comparisons in one full JSON report of <paramref name="benchmark"/>: for each parameter set, every
    /// method other than <paramref name="baseline"/> against it. Benchmarks without statistics (failed) are skipped.
    /// </summary>
    public static IEnumerable<MicroComparison> Parse(string json, string benchmark, string baseline, IReadOnlyList<string> papers)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var date = ReportDate(root.GetProperty("Title").GetString() ?? "");
        var measured = new List<(string Parameters, string Method, double Mean)>();
        foreach (var entry in root.GetProperty("Benchmarks").EnumerateArray())
        {
            if (!entry.TryGetProperty("Statistics", out var statistics) || statistics.ValueKind != JsonValueKind.Object) continue;
            var parameters = entry.TryGetProperty("Parameters", out var p) ? p.GetString() ?? "" : "";
            measured.Add((parameters, entry.GetProperty("Method").GetString() ?? "", statistics.GetProperty("Mean").GetDouble()));
        }
        foreach (var group in measured.GroupBy(m => m.Parameters))
        {
            var reference = group.FirstOrDefault(m => m.Method == baseline);
            if (reference.Method is null) continue;
            foreach (var candidate in group.Where(m => m.Method != baseline))
                yield return new MicroComparison(benchmark, group.Key, baseline, reference.Mean, candidate.Method, candidate.Mean, date, papers);
        }
    }

    /// <summary>BenchmarkDotNet titles end in the run's time, <c>-yyyyMMdd-HHmmss</c>.</summary>
    static DateTime ReportDate(string title) =>
        title.Length >= 15 && DateTime.TryParseExact(title[^15..], "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : DateTime.MinValue;
}
