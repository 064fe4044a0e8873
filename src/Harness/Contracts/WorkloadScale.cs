namespace Bench.Harness.Contracts;

/// <summary>
/// What one scale of a workload fixes for every submission: the target, the budget, how often the
/// harness evaluates (in training examples seen) and a one-line description of the model size.
/// </summary>
public sealed record WorkloadScale(
    string Name,
    Target Target,
    Budget Budget,
    long EvaluateEveryExamples,
    string ModelSummary);
