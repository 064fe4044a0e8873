using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.Airbench;

/// <summary>
/// Hyperparameters of airbench94 converted to a mean loss at this batch size: peak rate and weight decay per step (airbench's per-1024-example values times
/// batch/1024), Nesterov momentum, BatchNorm-bias rate scale, label smoothing, and whether test-time augmentation is used (its evaluation is then charged).
/// </summary>
public sealed record AirbenchHyperparameters(
    [property: Range(1, 1 << 20)] int BatchSize,
    [property: Range(1e-6, 100)] double LearningRate,
    [property: Range(0, 1)] double DecayPerStep,
    [property: Range(0, 0.9999)] double Momentum = AirbenchRecipe.Momentum,
    [property: Range(0, 10000)] double BiasScale = AirbenchRecipe.BiasScale,
    [property: Range(0, 0.99)] double LabelSmoothing = AirbenchRecipe.LabelSmoothing,
    bool TestTimeAugmentation = true);
