namespace Bench.Submissions.RandomLtd;

/// <summary>
/// Random-LTD's LayerToken learning-rate schedule: the baseline's warmup and cosine decay, driven by consumed
/// layer-tokens (tokens processed, summed over layers) instead of steps. Progress is counted in dense-step
/// equivalents (a step that processes every token in every layer counts 1, a step whose middle layers keep half their
/// tokens less), so with every token kept it is exactly the baseline's <c>WarmupCosine</c> by steps.
/// </summary>
public static class LayerTokenSchedule
{
    /// <summary>
    /// Dense-step equivalents of one step: layer-tokens of a window, <paramref name="denseLayers"/> at all
    /// <paramref name="tokens"/> and <paramref name="droppingLayers"/> at <paramref name="kept"/>, over those of a dense step.
    /// </summary>
    public static double StepShare(int denseLayers, int droppingLayers, int tokens, int kept) =>
        (denseLayers * (double)tokens + droppingLayers * (double)kept) / ((denseLayers + droppingLayers) * (double)tokens);

    /// <summary>
    /// Multiplier of the peak rate for the step that starts after <paramref name="done"/> dense-step equivalents and
    /// adds <paramref name="current"/> of its own, over a horizon of <paramref name="horizon"/> equivalents with
    /// <paramref name="warmup"/> of warmup: linear warmup (done + current) / warmup, then 0.5 (1 + cos(pi t)) with
    /// t = (done - warmup) / (horizon - warmup), clamped to [0, 1]. With done = step and current = 1 this is
    /// <c>WarmupCosine.Factor(step, horizon, warmup)</c>.
    /// </summary>
    public static double Factor(double done, double current, double horizon, double warmup)
    {
        if (!(done >= 0)) throw new ArgumentOutOfRangeException(nameof(done), done, "consumed layer-tokens must be >= 0");
        if (!(horizon > 0)) throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "the horizon must be > 0");
        if (done < warmup) return Math.Min(1, (done + current) / warmup);
        var t = Math.Clamp((done - warmup) / Math.Max(1, horizon - warmup), 0.0, 1.0);
        return 0.5 * (1 + Math.Cos(Math.PI * t));
    }
}
