using Bench.Harness.Orchestration;
using Bench.Harness.Results;
using Bench.Harness.Training;
using Bench.Repro.Display;

namespace Bench.Repro.Tests.Display;

public class ProgressObserverTests
{
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
