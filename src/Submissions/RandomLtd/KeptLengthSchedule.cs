namespace Bench.Submissions.RandomLtd;

/// <summary>
/// Random-LTD's kept sequence length per step (DeepSpeed's <c>fixed_linear</c> schedule): from
/// <c>start</c> tokens at step 0, rising linearly to the full <c>tokens</c> at step <c>rampSteps</c>, rounded down to a
/// multiple of <c>quantum</c> (DeepSpeed's <c>seq_per_step</c>), never above the full length; the full length from
/// <c>rampSteps</c> on.
/// </summary>
public static class KeptLengthSchedule
{
    /// <summary>The number of tokens a middle layer keeps at 0-based <paramref name="step"/>.</summary>
    public static int At(long step, int tokens, int start, long rampSteps, int quantum = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfLessThan(tokens, 1);
        if (start < 1 || start > tokens) throw new ArgumentOutOfRangeException(nameof(start), start, $"the start length must be in [1, {tokens}]");
        ArgumentOutOfRangeException.ThrowIfLessThan(quantum, 1);
        if (rampSteps <= 0 || step >= rampSteps) return tokens;
        var length = (long)Math.Floor(start + (tokens - start) * (step / (double)rampSteps));
        length -= length % quantum;
        return (int)Math.Clamp(length, Math.Min(quantum, tokens), tokens);
    }

    /// <summary>The start length for a start fraction of the window: round(fraction x tokens), at least 1.</summary>
    public static int Start(int tokens, double fraction) =>
        Math.Clamp((int)Math.Round(fraction * tokens, MidpointRounding.AwayFromZero), 1, tokens);
}
