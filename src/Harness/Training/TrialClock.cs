namespace Bench.Harness.Training;

/// <summary>
/// The training clock of one trial. It runs while the harness trains (data loading included) and
/// is paused while it evaluates. Before every reading it calls <c>synchronize</c>, so queued GPU
/// work is counted where it was issued.
/// </summary>
public sealed class TrialClock(ITimeSource source, Action? synchronize = null)
{
    double accumulated;
    double? runningSince;

    /// <summary>Training seconds so far.</summary>
    public double Elapsed
    {
        get
        {
            if (runningSince is null) return accumulated;
            synchronize?.Invoke();
            return accumulated + (source.Seconds - runningSince.Value);
        }
    }

    /// <summary>Starts or resumes the clock.</summary>
    public void Resume()
    {
        if (runningSince is not null) return;
        runningSince = source.Seconds;
    }

    /// <summary>Stops the clock, keeping the time so far.</summary>
    public void Pause()
    {
        if (runningSince is null) return;
        synchronize?.Invoke();
        accumulated += source.Seconds - runningSince.Value;
        runningSince = null;
    }
}
