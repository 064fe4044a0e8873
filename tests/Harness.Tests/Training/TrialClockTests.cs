using Bench.Harness.Training;
using Bench.Tests.Shared;

namespace Bench.Harness.Tests.Training;

public class TrialClockTests
{
    [Fact]
    public void Paused_time_is_not_counted()
    {
        var time = new FakeTimeSource();
        var clock = new TrialClock(time);
        clock.Resume();
        time.Advance(3);
        clock.Pause();
        time.Advance(100);
        clock.Resume();
        time.Advance(2);
        Assert.Equal(5, clock.Elapsed);
    }

    [Fact]
    public void Synchronize_runs_before_every_reading()
    {
        var time = new FakeTimeSource();
        var synchronized = 0;
        var clock = new TrialClock(time, () => synchronized++);
        clock.Resume();
        _ = clock.Elapsed;
        clock.Pause();
        Assert.Equal(2, synchronized);
    }
}
