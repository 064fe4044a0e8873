namespace Bench.Submissions.Common;

/// <summary>Linear warmup to the peak, then cosine decay to zero at the step horizon.</summary>
public static class WarmupCosine
{
    /// <summary>
    /// Multiplier of the peak learning rate for 0-based <paramref name="step"/>. Warmup steps ramp
    /// 1/w, 2/w, ..., 1; then 0.5 * (1 + cos(pi * t)) with t going from 0 to 1 over the remaining
    /// steps; past the horizon the rate stays 0.
    /// </summary>
    public static double Factor(long step, long horizon, long warmupSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        if (step < warmupSteps) return (step + 1) / (double)warmupSteps;
        var t = Math.Clamp((step - warmupSteps) / (double)Math.Max(1, horizon - warmupSteps), 0.0, 1.0);
        return 0.5 * (1 + Math.Cos(Math.PI * t));
    }
}
