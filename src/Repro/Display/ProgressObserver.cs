using Bench.Harness.Orchestration;
using Bench.Harness.Results;
using Bench.Harness.Training;
using Spectre.Console;

namespace Bench.Repro.Display;

/// <summary>
/// Progress for a trial queue. On an interactive terminal: Spectre.Console bars, one for the run and one
/// for the current trial. In a log (output redirected, CI, a non-interactive console) bars would be
/// re-printed as lines ("0%" over and over), so it writes plain lines instead: one per finished trial and
/// a progress line at most every <see cref="LogInterval"/>, and only when the progress changed.
/// Both show a line per finished trial.
/// </summary>
public sealed class ProgressObserver : ITrialObserver
{
    /// <summary>Least time between two progress lines in a log.</summary>
    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);

    readonly IAnsiConsole console;
    readonly ProgressTask? overall;
    readonly ProgressTask? current;
    readonly TimeProvider time;
    readonly int total;
    readonly Lock gate = new();
    int finished;
    DateTimeOffset lastLine;
    string lastProgress = "";

    ProgressObserver(IAnsiConsole console, int total, ProgressTask? overall, ProgressTask? current, TimeProvider time)
    {
        this.console = console;
        this.total = total;
        this.overall = overall;
        this.current = current;
        this.time = time;
        lastLine = time.GetUtcNow();
    }

    /// <summary>Runs <paramref name="work"/> under a live display on a terminal, or with plain log lines otherwise.</summary>
    public static T Run<T>(IAnsiConsole console, IReadOnlyList<TrialSpec> plan, Func<ITrialObserver, T> work, TimeProvider? time = null)
    {
        if (!IsTerminal(console)) return work(new ProgressObserver(console, plan.Count, null, null, time ?? TimeProvider.System));
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var overall = context.AddTask("all trials", maxValue: Math.Max(1, plan.Count));
                var current = context.AddTask("waiting", maxValue: 1.0);
                return work(new ProgressObserver(console, plan.Count, overall, current, time ?? TimeProvider.System));
            });
    }

    /// <summary>Live bars need a terminal that redraws in place: interactive and ANSI.</summary>
    public static bool IsTerminal(IAnsiConsole console) => console.Profile.Capabilities is { Interactive: true, Ansi: true };

    public void Skipped(TrialSpec spec)
    {
        overall?.Increment(1);
        lock (gate) finished++;
    }

    public void Started(TrialSpec spec)
    {
        if (current is null) return;
        current.Description = Markup.Escape(spec.ToString());
        current.Value = 0;
    }

    public void Progress(TrialSpec spec, TrialProgress progress)
    {
        if (current is not null)
        {
            current.Value = progress.Fraction;
            current.Description = Markup.Escape($"{spec}: {progress.Message}");
            return;
        }
        lock (gate)
        {
            var now = time.GetUtcNow();
            var percent = 100 * (finished + Math.Clamp(progress.Fraction, 0, 1)) / Math.Max(1, total);
            var line = $"progress: {percent:0}% ({finished} of {total} trials finished; {spec} at " +
                $"{100 * progress.Fraction:0}%{(progress.Message.Length > 0 ? ", " + progress.Message : "")})";
            if (now - lastLine < LogInterval || line == lastProgress) return;
            console.WriteLine(line);
            lastProgress = line;
            lastLine = now;
        }
    }

    public void Finished(TrialSpec spec, TrialRecord record)
    {
        overall?.Increment(1);
        if (current is not null) current.Value = 1.0;
        var outcome = Outcome(record);
        lock (gate)
        {
            finished++;
            // In a log the count says how far the run is; a terminal shows it in the bar.
            var count = current is null ? $"[[{finished}/{total}]] " : "";
            console.MarkupLine($"{count}{Markup.Escape(spec.ToString())}: {outcome}");
            lastLine = time.GetUtcNow();
        }
    }

    /// <summary>How a finished trial reads in the log: a failed process says why (its exit and cause), not a metric it never had.</summary>
    public static string Outcome(TrialRecord record) => record.Status switch
    {
        TrialStatus.Reached => $"[green]reached[/] in {record.TimeToTargetSeconds:0.0} s, {record.StepsToTarget:0} steps",
        TrialStatus.Crashed or TrialStatus.TimedOut => $"[red]{Cells.Status(record.Status)}[/] ({Markup.Escape(record.Error)}); a rerun retries it",
        TrialStatus.TimeCapped => $"[yellow]{Cells.Status(record.Status)}[/] ({Markup.Escape(record.Error)}); left out of the comparison, a rerun retries it",
        _ => $"[yellow]{Cells.Status(record.Status)}[/] ({Markup.Escape(record.Metric)} {record.BestMetric:G4} " +
            $"best){(record.Error.Length > 0 ? ": " + Markup.Escape(record.Error) : "")}",
    };
}
