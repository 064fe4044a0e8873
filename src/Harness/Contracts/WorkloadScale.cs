namespace Bench.Harness.Contracts;

/// <summary>
/// What one scale of a workload fixes for every submission: the target, the budget, how often the
/// harness evaluates (in training examples seen; finer near the target where <see cref="NearTarget"/> says so)
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

    /// <summary>Examples until the next evaluation after one that measured <paramref name="metric"/>.</summary>
    public long EvaluationInterval(double metric) =>
        NearTarget is { } fine && fine.Applies(Target, metric) ? fine.EveryExamples : EvaluateEveryExamples;

    /// <summary>The cadence as a person reads it: "3200" or "3200 (320 within 0.05 of the target)".</summary>
    public string CadenceText => NearTarget is { } fine
        ? $"{EvaluateEveryExamples} ({fine.EveryExamples} within {fine.Within:G4} of the target)"
        : EvaluateEveryExamples.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
