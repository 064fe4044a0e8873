namespace Bench.Harness.Training;

/// <summary>How a trial ended. Every status but <see cref="Reached"/> counts as infinite time-to-target.</summary>
public enum TrialStatus
{
    /// <summary>An evaluation met the target within budget.</summary>
    Reached,
    /// <summary>The budget ran out first.</summary>
    Missed,
    /// <summary>The training loss became NaN or infinite.</summary>
    Diverged,
    /// <summary>The trial threw or its process died.</summary>
    Crashed,
    /// <summary>The trial's process outlived its timeout and was killed.</summary>
    TimedOut,
}
