namespace Bench.Harness.Contracts;

/// <summary>
/// The most a trial may spend before it counts as missing the target: training seconds on the
/// harness clock and optimizer steps. <c>MaxSteps</c> is also the step hint schedules decay to.
/// </summary>
public sealed record Budget(double MaxSeconds, long MaxSteps);
