namespace Bench.Contracts;

/// <summary>
/// The most a trial may spend. <c>MaxSteps</c> decides a miss and is also the step hint schedules decay to.
/// <c>MaxSeconds</c> is the wall-clock time the scale was calibrated for; the harness stops a trial only at
/// <see cref="TimeCapSeconds"/>, a safety cap well above it, so machine load cannot turn into a miss: a trial
/// stopped by the cap is the harness's <c>TrialStatus.TimeCapped</c>, left out of comparisons and retried.
/// </summary>
public sealed record Budget(double MaxSeconds, long MaxSteps)
{
    /// <summary>How many times <see cref="MaxSeconds"/> the safety cap allows (room for a loaded machine and 4x-batch methods).</summary>
    public const double TimeCapFactor = 4;

    /// <summary>Training seconds on the harness clock after which a trial is stopped as time-capped.</summary>
    public double TimeCapSeconds => TimeCapFactor * MaxSeconds;
}
