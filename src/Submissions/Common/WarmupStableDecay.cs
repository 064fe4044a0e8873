namespace Bench.Submissions.Common;

/// <summary>
/// Warmup-stable-decay ("constant + cooldown"): linear warmup to the peak, constant, then a linear cooldown to
/// zero over the final <c>cooldownFraction</c> of the horizon (Schaipp et al., arXiv 2501.18965, use 20%).
/// </summary>
public static class WarmupStableDecay
{
    /// <summary>Multiplier of the peak rate for 0-based <paramref name="step"/>; 0 at and past the horizon.</summary>
    public static double Factor(long step, long horizon, long warmupSteps, double cooldownFraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        if (step < warmupSteps) return (step + 1) / (double)warmupSteps;
        var cooldown = Math.Max(1, Math.Round(cooldownFraction * horizon));
        var cooldownStart = horizon - cooldown;
        if (step < cooldownStart) return 1;
        return Math.Clamp((horizon - step) / cooldown, 0, 1);
    }
}
