using Bench.Harness.Configuration;
using Bench.Harness.Training;
using Spectre.Console;

namespace Bench.Repro.Display;

/// <summary>What <c>--dry-run</c> prints: the trials a run would start, grouped by (workload, submission).</summary>
public static class PlanTable
{
    /// <summary>Writes the plan and returns exit code 0; nothing is trained or written.</summary>
    public static int Write(IAnsiConsole console, BenchOptions options, IReadOnlyList<TrialSpec> plan)
    {
        console.MarkupLine($"[bold]dry run[/]: {plan.Count} trials at scale [bold]{Markup.Escape(options.Scale)}[/] on {Markup.Escape(options.Device)}, " +
                           $"results in {Markup.Escape(options.Results)}; nothing was trained or written.");
        var table = new Table().AddColumns("workload", "submission", "seeds");
        foreach (var group in plan.GroupBy(s => (s.Workload, s.Dataset, s.Submission)))
            table.AddRow(Markup.Escape(group.Key.Workload + (group.Key.Dataset.Length == 0 ? "" : $" ({group.Key.Dataset})")),
                Markup.Escape(group.Key.Submission),
                string.Join(" ", group.Select(s => s.Seed)));
        console.Write(table);
        return 0;
    }
}
