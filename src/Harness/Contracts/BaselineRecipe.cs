namespace Bench.Harness.Contracts;

/// <summary>
/// The tuned baseline hyperparameters of a workload at one scale (AdamW, linear warmup, cosine decay
/// to zero at the step budget). Submissions start from it and say in their card what they change.
/// </summary>
public sealed record BaselineRecipe(
    int BatchSize,
    double LearningRate,
    double WeightDecay,
    double WarmupFraction,
    double Beta1 = 0.9,
    double Beta2 = 0.999);
