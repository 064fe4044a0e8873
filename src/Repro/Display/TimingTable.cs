using System.Globalization;
using Bench.Harness.Statistics;
using Bench.Repro.Execution;
using Spectre.Console;

namespace Bench.Repro.Display;

/// <summary>The timing gate's report: medians of both builds, their ratio, the one-sided p-values and the conclusion.</summary>
public static class TimingTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<TimingGateResult> results, double threshold, double noise)
    {
        var table = new Table()
            .Title(Markup.Escape($"timing gate: Mann-Whitney TOST, threshold {threshold:P0} of the base median and noise floor {noise:G3} s, α = 0.05"))
            .AddColumns("workload", "submission", "n", "base median s", "candidate median s", "candidate/base", "p (slower)", "p (faster)", "conclusion");
        foreach (var r in results)
        {
            var d = r.Decision;
            var colour = d.Conclusion switch { TimingConclusion.Slower => "red", TimingConclusion.Faster => "green", _ => "default" };
            table.AddRow(
                Markup.Escape(r.Workload), Markup.Escape(r.Submission), $"{r.BaseSeconds.Count}+{r.CandidateSeconds.Count}",
                Cells.Number(d.BaselineMedian, "0.000"), Cells.Number(d.CandidateMedian, "0.000"), Cells.Number(d.Ratio, "0.000"),
                Cells.Number(d.PSlower, "0.0000"), Cells.Number(d.PFaster, "0.0000"),
                $"[{colour}]{d.Conclusion.ToString().ToLower(CultureInfo.InvariantCulture)}[/]");
        }
        console.Write(table);
    }
}
