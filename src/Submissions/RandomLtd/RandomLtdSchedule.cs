namespace Bench.Submissions.RandomLtd;

/// <summary>
/// One trial's random-LTD schedule over its step budget: the kept length of the dropping layers per step
/// (<see cref="KeptLengthSchedule"/>) and the LayerToken learning-rate multiplier that follows the layer-tokens those
/// lengths consume (<see cref="LayerTokenSchedule"/>), whose horizon is the layer-tokens of the whole budget, so the rate
/// reaches zero at the budget's end as the baseline's does.
/// </summary>
public sealed class RandomLtdSchedule
{
    readonly int tokens, start, denseLayers, droppingLayers;
    readonly long rampSteps, budget;
    readonly double[] done; // dense-step equivalents consumed before each step of the budget, and after its last

    /// <summary>
    /// The schedule of a model with <paramref name="denseLayers"/> full-length and <paramref name="droppingLayers"/>
    /// dropping layers on windows of <paramref name="tokens"/>, keeping <paramref name="start"/> tokens at step 0 and all
    /// from <paramref name="rampSteps"/> on, over <paramref name="budget"/> steps.
    /// </summary>
    public RandomLtdSchedule(int tokens, int start, long rampSteps, int denseLayers, int droppingLayers, long budget)
    {
        if (denseLayers < 0 || droppingLayers < 0 || denseLayers + droppingLayers == 0)
            throw new ArgumentOutOfRangeException(nameof(denseLayers), "the model needs at least one layer");
        (this.tokens, this.start, this.rampSteps, this.denseLayers, this.droppingLayers, this.budget) =
            (tokens, start, rampSteps, denseLayers, droppingLayers, Math.Max(1, budget));
        _ = KeptLengthSchedule.At(0, tokens, start, rampSteps); // checks tokens and start
        done = new double[this.budget + 1];
        for (long s = 0; s < this.budget; s++) done[s + 1] = done[s] + Share(s);
    }

    /// <summary>Tokens each dropping layer keeps at 0-based <paramref name="step"/>.</summary>
    public int KeptAt(long step) => KeptLengthSchedule.At(step, tokens, start, rampSteps);

    /// <summary>Dense-step equivalents of layer-tokens the whole budget consumes: the LayerToken schedule's horizon.</summary>
    public double Horizon => done[budget];

    /// <summary>Dense-step equivalents consumed before <paramref name="step"/> (past the budget, each step counts 1).</summary>
    public double Done(long step) => step <= budget ? done[step] : done[budget] + (step - budget);

    /// <summary>Dense-step equivalents of <paramref name="step"/> itself.</summary>
    public double Share(long step) => LayerTokenSchedule.StepShare(denseLayers, droppingLayers, tokens, KeptAt(step));

    /// <summary>
    /// The peak rate's multiplier at <paramref name="step"/>: warmup over <paramref name="warmupFraction"/> of the horizon
    /// (rounded as the baseline rounds its warmup steps), then cosine to zero, all in consumed layer-tokens.
    /// </summary>
    public double LayerTokenFactor(long step, double warmupFraction) =>
        LayerTokenSchedule.Factor(Done(step), Share(step), Horizon, Math.Round(warmupFraction * Horizon));
}
