using System.Globalization;
using Bench.Micro.Reports;
using Spectre.Console;

namespace Bench.Repro.Display;

/// <summary>A paper's micro-benchmark rows (latest BenchmarkDotNet reports) next to its claimed factor.</summary>
public static class MicroTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<MicroComparison> rows, double? claimFactor)
    {
        if (rows.Count == 0) return;
        var claim = claimFactor is double f && !double.IsNaN(f) ? $"{f:G4}x" : "none given";
        var table = new Table().Title(Markup.Escape($"latest reports in results/micro; claim: {claim}"))
            .AddColumns(new[] { "benchmark", "params", "baseline (mean)", "candidate (mean)", "time ratio", "speedup", "claim", "report (UTC)" }
                .Select(Markup.Escape).ToArray());
        foreach (var r in rows)
            table.AddRow(
                Markup.Escape(r.ShortName), Markup.Escape(r.Parameters),
                Markup.Escape($"{r.Baseline} {Time(r.BaselineMeanNs)}"), Markup.Escape($"{r.Candidate} {Time(r.CandidateMeanNs)}"),
                r.Ratio.ToString("0.00", CultureInfo.InvariantCulture), r.Speedup.ToString("0.00", CultureInfo.InvariantCulture) + "x",
                Markup.Escape(claim), r.ReportDate.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        console.Write(table);
    }

    static string Time(double nanoseconds) => nanoseconds switch
    {
        >= 1e9 => $"{nanoseconds / 1e9:0.00} s",
        >= 1e6 => $"{nanoseconds / 1e6:0.00} ms",
        >= 1e3 => $"{nanoseconds / 1e3:0.0} us",
        _ => $"{nanoseconds:0} ns",
    };
}
