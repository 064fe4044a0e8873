namespace Bench.Harness.Training;

/// <summary>
/// How a trial ended. <see cref="Missed"/>, <see cref="Diverged"/>, <see cref="Crashed"/> and <see cref="TimedOut"/>
/// count as infinite time-to-target; <see cref="TimeCapped"/> is left out of comparisons like a missing trial.
/// A rerun retries <see cref="Crashed"/>, <see cref="TimedOut"/> and <see cref="TimeCapped"/> trials.
/// </summary>
public enum TrialStatus
{
    /// <summary>An evaluation met the target within budget.</summary>
    Reached,
    /// <summary>The step budget ran out first.</summary>
    Missed,
    /// <summary>The training loss became NaN or infinite.</summary>
    Diverged,
    /// <summary>The trial threw or its process died.</summary>
    Crashed,
    /// <summary>The trial's process outlived its timeout and was killed.</summary>
    TimedOut,
    /// <summary>
    /// The safety time cap (<see cref="Contracts.Budget.TimeCapSeconds"/>) stopped the trial before its step budget:
    /// says more about the machine's load than the method, so it is not a miss.
    /// </summary>
    TimeCapped,
}
