using Bench.Harness.Orchestration;
using Bench.Harness.Results;
using Bench.Harness.Training;
using Bench.Repro.Display;
using Spectre.Console;

namespace Bench.Repro.Tests.Display;

/// <summary>Issue 13, defect 8: in a redirected log, progress is a line per finished trial and a percentage at most every 10 s.</summary>
public class ProgressObserverTests
{
    sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    static (IAnsiConsole Console, StringWriter Output) LogConsole()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        return (console, output);
    }

    static readonly TrialSpec[] Plan = [.. Enumerable.Range(0, 3).Select(seed => new TrialSpec("modadd", "cpu", "baseline", seed))];

    static TrialRecord Reached(TrialSpec spec) => TrialRecord.Failed(spec, "baseline", TrialStatus.Reached, "", DateTime.UtcNow) with
    {
        Metric = "accuracy", TimeToTargetSeconds = 21.5, StepsToTarget = 600, BestMetric = 0.99,
    };

    [Fact]
    public void A_log_gets_one_line_per_finished_trial_and_progress_at_most_every_ten_seconds_without_repeats()
    {
        var (console, output) = LogConsole();
        var time = new ManualTime();

        ProgressObserver.Run<int>(console, Plan, observer =>
        {
            observer.Skipped(Plan[0]);
            observer.Started(Plan[1]);
            // A child reports often; at the start nothing moves (the old display logged "0%" again and again).
            for (var i = 0; i < 50; i++)
            {
                observer.Progress(Plan[1], new TrialProgress(0, "warming up"));
                time.Now += TimeSpan.FromSeconds(1);
            }
            for (var step = 1; step <= 30; step++)
            {
                observer.Progress(Plan[1], new TrialProgress(step / 30.0, $"step {step * 10}: accuracy 0.5"));
                time.Now += TimeSpan.FromSeconds(1);
            }
            observer.Finished(Plan[1], Reached(Plan[1]));
            observer.Started(Plan[2]);
            observer.Finished(Plan[2], Reached(Plan[2]));
            return 0;
        }, time);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var progress = lines.Where(l => l.StartsWith("progress:", StringComparison.Ordinal)).ToList();
        Assert.Equal(progress.Distinct().Count(), progress.Count);
        Assert.Single(progress, l => l.Contains(" at 0%"));
        // 80 s of reports give at most 8 progress lines (the first only after 10 s).
        Assert.InRange(progress.Count, 2, 8);
        Assert.StartsWith("progress: 33% (1 of 3 trials finished; modadd · cpu · baseline · seed 1 at 0%, warming up)", progress[0]);
        Assert.Equal(["[2/3] modadd · cpu · baseline · seed 1: reached in 21.5 s, 600 steps",
                      "[3/3] modadd · cpu · baseline · seed 2: reached in 21.5 s, 600 steps"],
            lines.Where(l => l.StartsWith('[')));
        Assert.DoesNotContain(lines, l => l.Contains('━') || l.Contains("all trials"));
    }

    [Fact]
    public void A_non_interactive_console_is_a_log_and_an_interactive_ansi_one_a_terminal()
    {
        Assert.False(ProgressObserver.IsTerminal(LogConsole().Console));
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()), Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes });
        Assert.True(ProgressObserver.IsTerminal(terminal));
    }

    [Fact]
    public void A_crash_reads_as_crashed_with_its_exit_and_cause_not_a_metric()
    {
        var record = TrialRecord.Failed(new TrialSpec("w", "cpu", "s", 0), "p", TrialStatus.Crashed, ChildProcessExecutor.DescribeExit(137), DateTime.UtcNow);

        var line = ProgressObserver.Outcome(record);

        Assert.Contains("crashed[/] (exit 137, killed by SIGKILL (out of memory, or killed by hand)); a rerun retries it", line);
        Assert.DoesNotContain("NaN", line);
    }

    [Fact]
    public void A_time_capped_trial_says_it_is_left_out_and_retried()
    {
        var record = TrialRecord.Failed(new TrialSpec("w", "cpu", "s", 0), "p", TrialStatus.TimeCapped, "stopped by the 200 s time cap", DateTime.UtcNow);

        Assert.Contains("time-capped[/] (stopped by the 200 s time cap); left out of the comparison, a rerun retries it", ProgressObserver.Outcome(record));
    }

    [Theory]
    [InlineData(1, "exit 1")]
    [InlineData(134, "exit 134, killed by SIGABRT (an unhandled exception or a native abort)")]
    [InlineData(139, "exit 139, killed by SIGSEGV (a native crash)")]
    public void Exit_codes_are_described(int code, string text) => Assert.Equal(text, ChildProcessExecutor.DescribeExit(code));
}