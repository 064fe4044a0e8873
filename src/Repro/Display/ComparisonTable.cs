using System.Globalization;
using Bench.Harness.Statistics;
using Bench.Submissions;
using Spectre.Console;

namespace Bench.Repro.Display;

/// <summary>The comparison of each submission with the baseline measured in the same run.</summary>
public static class ComparisonTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<ComparisonRow> rows)
    {
        if (rows.Count == 0) return;
        var table = new Table().Title("time-to-target (misses count as infinite)")
            .AddColumns(new[] { "workload", "scale", "submission", "reached", "median s [IQR]", "median steps", "speedup (time) [95% CI]", "speedup (steps) [95% CI]" }
                .Select(Markup.Escape).ToArray());
        foreach (var r in rows)
        {
            table.AddRow(
                Markup.Escape(r.Workload), Markup.Escape(r.Scale), Markup.Escape(r.Submission),
                $"{r.Reached}/{r.Seeds}",
                Markup.Escape($"{Format(r.MedianSeconds)} [{Format(r.SecondsIqrLow)}, {Format(r.SecondsIqrHigh)}]"),
                Format(r.MedianSteps, "0"),
                r.Submission == SubmissionRegistry.BaselineId ? "reference" : Markup.Escape(r.TimeSpeedup.ToString()),
                r.Submission == SubmissionRegistry.BaselineId ? "reference" : Markup.Escape(r.StepSpeedup.ToString()));
        }
        console.Write(table);
    }

    static string Format(double value, string format = "0.0") =>
        double.IsPositiveInfinity(value) ? "∞" : double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);
}
