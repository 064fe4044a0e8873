using Bench.Harness.Orchestration;
using Bench.Harness.Results;
using Bench.Harness.Training;
using Spectre.Console;

namespace Bench.Repro.Display;

/// <summary>Spectre.Console progress for a trial queue: one bar for the run, one for the current trial, a line per finished trial.</summary>
public sealed class ProgressObserver(IAnsiConsole console, ProgressTask overall, ProgressTask current) : ITrialObserver
{
    /// <summary>Runs <paramref name="work"/> under a live progress display.</summary>
    public static T Run<T>(IAnsiConsole console, IReadOnlyList<TrialSpec> plan, Func<ITrialObserver, T> work) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var overall = context.AddTask("all trials", maxValue: Math.Max(1, plan.Count));
                var current = context.AddTask("waiting", maxValue: 1.0);
                return work(new ProgressObserver(console, overall, current));
            });

    public void Skipped(TrialSpec spec) => overall.Increment(1);

    public void Started(TrialSpec spec)
    {
        current.Description = Markup.Escape(spec.ToString());
        current.Value = 0;
    }

    public void Progress(TrialSpec spec, TrialProgress progress)
    {
        current.Value = progress.Fraction;
        current.Description = Markup.Escape($"{spec}: {progress.Message}");
    }

    public void Finished(TrialSpec spec, TrialRecord record)
    {
        overall.Increment(1);
        current.Value = 1.0;
        console.MarkupLine($"{Markup.Escape(spec.ToString())}: {Outcome(record)}");
    }

    /// <summary>How a finished trial reads in the log: a failed process says why (its exit and cause), not a metric it never had.</summary>
    public static string Outcome(TrialRecord record) => record.Status switch
    {
        TrialStatus.Reached => $"[green]reached[/] in {record.TimeToTargetSeconds:0.0} s, {record.StepsToTarget:0} steps",
        TrialStatus.Crashed or TrialStatus.TimedOut => $"[red]{Cells.Status(record.Status)}[/] ({Markup.Escape(record.Error)}); a rerun retries it",
        TrialStatus.TimeCapped => $"[yellow]{Cells.Status(record.Status)}[/] ({Markup.Escape(record.Error)}); left out of the comparison, a rerun retries it",
        _ => $"[yellow]{Cells.Status(record.Status)}[/] ({Markup.Escape(record.Metric)} {record.BestMetric:G4} best){(record.Error.Length > 0 ? ": " + Markup.Escape(record.Error) : "")}",
    };
}
