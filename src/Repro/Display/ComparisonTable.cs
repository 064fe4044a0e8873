using Bench.Harness.Statistics;
using Bench.Harness.Training;
using Spectre.Console;

namespace Bench.Repro.Display;

/// <summary>The comparison of each submission with the baseline measured in the same run, with its verdict.</summary>
public static class ComparisonTable
{
    /// <summary>
    /// Writes <paramref name="rows"/>; <paramref name="reference"/> names what the speedups are against. The metric shown is
    /// the final one; <paramref name="withBest"/> adds the median best evaluation, labelled optimistic (a best over many
    /// test evaluations), for the paper-control comparisons that need it.
    /// </summary>
    public static void Write(IAnsiConsole console, IReadOnlyList<ComparisonRow> rows, string reference = "baseline", bool withBest = false)
    {
        if (rows.Count == 0) return;
        string[] columns =
        [
            "workload", "scale", "submission", "reached", "median s [IQR]", "median steps [IQR]", "data %", "speedup (time) [95% CI]",
            "speedup (steps) [95% CI]", "final metric (median)", .. withBest ? ["best (optimistic)"] : Array.Empty<string>(),
            "claim", "verdict", "FSR", "target p", "RCP audit",
        ];
        var table = new Table().Title($"time-to-target (misses count as infinite, time-capped trials are left out); speedup = {reference} median / " +
            "submission median, 95% bootstrap CI")
            .AddColumns(columns.Select(Markup.Escape).ToArray());
        foreach (var r in rows)
        {
            string[] cells =
            [
                r.Dataset.Length == 0 ? r.Workload : $"{r.Workload} ({TrialSpec.ShortDatasetName(r.Dataset)})", r.Scale, Arm(r), Cells.Reached(r),
                Cells.MedianIqr(r.MedianSeconds, r.SecondsIqrLow, r.SecondsIqrHigh),
                Cells.MedianIqr(r.MedianSteps, r.StepsIqrLow, r.StepsIqrHigh, "0"),
                double.IsNaN(r.DataFraction) ? "-" : Cells.Number(100 * r.DataFraction, "0.0"),
                Cells.Speedup(r, r.TimeSpeedup), Cells.Speedup(r, r.StepSpeedup), Cells.Number(r.MedianFinalMetric, "0.000"),
                .. withBest ? [Cells.Number(r.MedianBestMetric, "0.000")] : Array.Empty<string>(),
                Cells.Claim(r), r.IsReference ? r.Verdict.Text : $"{r.Verdict.Text} ({r.Verdict.Reason})",
                Cells.Fsr(r), Cells.TargetP(r), Cells.Audit(r),
            ];
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        console.Write(table);
        if (rows.Any(r => r.PooledRuns))
            console.MarkupLine("[yellow]*[/] rows written before runs were recorded: their baseline pools every run of the machine (not " +
                "a same-run comparison).");
    }

    /// <summary>The submission, its hyperparameter hash, and a mark when its baseline pools runs.</summary>
    static string Arm(ComparisonRow r) =>
        r.Submission + (r.Fidelity == Bench.Contracts.Fidelity.Faithful ? "" : $" ({r.Fidelity.ToString().ToLowerInvariant()})")
        + (r.HparamsHash.Length > 0 ? $" hp {r.HparamsHash}" : "") + (r.PooledRuns ? " *" : "");

    /// <summary>Writes the paper-control comparisons under their own heading; nothing when there are none.</summary>
    public static void WriteAgainstControls(IAnsiConsole console, IReadOnlyList<ComparisonRow> rows)
    {
        if (rows.Count == 0) return;
        console.Write(new Rule("against the paper's own control (the comparison the paper makes)").LeftJustified());
        Write(console, rows, "control", withBest: true);
    }
}
