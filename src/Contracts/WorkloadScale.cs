namespace Bench.Contracts;

/// <summary>
/// What one scale of a workload fixes for every submission: the target, the budget, how often the
/// harness evaluates (in training examples seen; finer near the target where <see cref="NearTarget"/> says so;
/// at most <see cref="MaxEvaluations"/> times a trial)
/// and a one-line description of the model size.
/// </summary>
public sealed record WorkloadScale(
    string Name,
    Target Target,
    Budget Budget,
    long EvaluateEveryExamples,
    string ModelSummary)
{
    /// <summary>Finer evaluation close to the target; null evaluates every <see cref="EvaluateEveryExamples"/> throughout.</summary>
    public FineEvaluation? NearTarget { get; init; }

    /// <summary>Seeds per arm when a run does not say (<c>--seeds</c>) at a scale whose noise floor was never measured.</summary>
    public const int UnmeasuredDefaultSeeds = 3;

    /// <summary>
    /// Seeds per arm a run uses when <c>--seeds</c> is not given. At a scale with a measured noise floor it is the seeds the
    /// suite's goals need (a 1.20x speedup in time and 1.15x in steps detectable, <c>results/noise/</c>) clamped to 5-10, so
    /// a default comparison can resolve what it reports; the workload's card says where the figure comes from.
    /// </summary>
    public int DefaultSeeds { get; init; } = UnmeasuredDefaultSeeds;

    /// <summary>The cap on evaluations per trial that every scale has unless it sets its own <see cref="MaxEvaluations"/>.</summary>
    public const int DefaultMaxEvaluations = 100;

    /// <summary>
    /// Most evaluations one trial makes, the one at the end of the budget included. The cadence is in examples, so a
    /// large-batch method (or a fine cadence near the target) would otherwise evaluate hundreds of times; evaluation is
    /// off the clock, so the cap saves wall time and never changes a score's rules. Same for every submission.
    /// </summary>
    public int MaxEvaluations { get; init; } = DefaultMaxEvaluations;

    /// <summary>
    /// Fewest training steps from step <paramref name="step"/> to the next evaluation, after <paramref name="evaluations"/>
    /// of them, so the trial cannot exceed <see cref="MaxEvaluations"/>: the steps left in the budget shared evenly among
    /// the evaluations left (rounded up). It only binds when the cadence would be finer; a trial then evaluates evenly
    /// spaced in steps. Deterministic: it depends on the step budget and the count so far only.
    /// </summary>
    public long MinimumStepsToNextEvaluation(long step, int evaluations)
    {
        var stepsLeft = Math.Max(0, Budget.MaxSteps - step);
        var evaluationsLeft = MaxEvaluations - evaluations;
        // With one evaluation left it is the one at the end of the budget.
        return evaluationsLeft <= 1 ? stepsLeft : (stepsLeft + evaluationsLeft - 1) / evaluationsLeft;
    }

    /// <summary>Examples until the next evaluation after one that measured <paramref name="metric"/>.</summary>
    public long EvaluationInterval(double metric) =>
        NearTarget is { } fine && fine.Applies(Target, metric) ? fine.EveryExamples : EvaluateEveryExamples;

    /// <summary>The cadence as a person reads it: "3200" or "3200 (320 within 0.05 of the target)".</summary>
    public string CadenceText => NearTarget is { } fine
        ? $"{EvaluateEveryExamples} ({fine.EveryExamples} within {fine.Within:G4} of the target)"
        : EvaluateEveryExamples.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
