namespace Bench.Submissions.Common;

/// <summary>
/// Smith's one-cycle policy (Super-Convergence, arXiv 1708.07120; Disciplined approach, arXiv 1803.09820):
/// the learning rate climbs linearly from peak/<c>divFactor</c> to the peak over the first half of the cycle,
/// falls back linearly over the second half, and then an annihilation phase takes it far below the start.
/// Momentum moves the opposite way (high when the rate is low), which the papers call cyclical momentum.
/// </summary>
public static class OneCycle
{
    /// <summary>
    /// Learning rate at 0-based <paramref name="step"/> of a cycle of <paramref name="cycleSteps"/> steps
    /// (held at the final value past the cycle). <paramref name="annihilationFraction"/> is the final share of the
    /// cycle spent annealing from <paramref name="peak"/>/<paramref name="divFactor"/> to a further
    /// <paramref name="finalDiv"/> times lower.
    /// </summary>
    public static double LearningRate(long step, long cycleSteps, double peak, double divFactor = 10, double annihilationFraction = 0.1, double finalDiv = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cycleSteps, 2);
        var low = peak / divFactor;
        var (phase, t) = Phase(step, cycleSteps, annihilationFraction);
        return phase switch
        {
            0 => low + (peak - low) * t,
            1 => peak - (peak - low) * t,
            _ => low - (low - low / finalDiv) * t,
        };
    }

    /// <summary>Momentum at <paramref name="step"/>: high to low while the rate rises, back to high while it falls, then held high.</summary>
    public static double Momentum(long step, long cycleSteps, double high = 0.95, double low = 0.85, double annihilationFraction = 0.1)
    {
        var (phase, t) = Phase(step, cycleSteps, annihilationFraction);
        return phase switch
        {
            0 => high - (high - low) * t,
            1 => low + (high - low) * t,
            _ => high,
        };
    }

    /// <summary>(0 = rising, 1 = falling, 2 = annihilation, progress in [0, 1] within that phase).</summary>
    static (int Phase, double Progress) Phase(long step, long cycleSteps, double annihilationFraction)
    {
        var annihilation = Math.Round(cycleSteps * annihilationFraction);
        var half = (cycleSteps - annihilation) / 2.0;
        var s = Math.Min(step, cycleSteps - 1);
        if (s < half) return (0, s / half);
        if (s < 2 * half) return (1, (s - half) / half);
        return (2, annihilation <= 1 ? 1 : Math.Min(1, (s - 2 * half) / (annihilation - 1)));
    }
}
