using System.ComponentModel.DataAnnotations;

namespace Bench.Contracts;

/// <summary>
/// The tuned baseline hyperparameters of a workload at one scale (AdamW, linear warmup, cosine decay
/// to zero at the step budget). Submissions start from it and say in their card what they change. It is also the
/// baseline submission's hyperparameter record (<c>batch_size</c>, <c>learning_rate</c>, ...), so it can be overridden
/// and tuned like any other.
/// </summary>
public sealed record BaselineRecipe(
    [property: Range(1, 1 << 20)] int BatchSize,
    [property: Range(1e-8, 100)] double LearningRate,
    [property: Range(0, 10)] double WeightDecay,
    [property: Range(0, 1)] double WarmupFraction,
    [property: Range(0, 0.9999)] double Beta1 = 0.9,
    [property: Range(0, 0.99999)] double Beta2 = 0.999);
