using Bench.Harness.Results;
using Bench.Harness.Statistics;
using Bench.Harness.Training;
using Bench.Repro.Display;
using Spectre.Console;

namespace Bench.Repro.Tests.Display;

/// <summary>Issue 14, section 2: tables show the final metric; the best evaluation only where labelled optimistic.</summary>
public class ComparisonTableTests
{
    static string Render(bool controls)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 400;
        var rows = ComparisonRow.Build(Enumerable.Range(0, 3).Select(seed => new TrialRecord
        {
            Workload = "w", Scale = "cpu", Submission = "baseline", Paper = "baseline", Seed = seed, MachineId = "m", Metric = "accuracy",
            Target = 0.5, Status = TrialStatus.Reached, TimeToTargetSeconds = 1, StepsToTarget = 10, FinalMetric = 0.612, BestMetric = 0.987,
        }), "baseline");
        if (controls) ComparisonTable.WriteAgainstControls(console, rows);
        else ComparisonTable.Write(console, rows);
        return output.ToString();
    }

    [Fact]
    public void The_comparison_table_shows_the_final_metric_not_the_best()
    {
        var text = Render(controls: false);
        Assert.Contains("final metric", text);
        Assert.Contains("0.612", text);
        Assert.DoesNotContain("0.987", text);
        Assert.DoesNotContain("best", text);
    }

    [Fact]
    public void The_paper_control_table_adds_the_best_labelled_optimistic()
    {
        var text = Render(controls: true);
        Assert.Contains("0.612", text);
        Assert.Contains("0.987", text);
        Assert.Contains("optimistic", text);
    }
}
