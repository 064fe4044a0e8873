using TorchSharp;

namespace Bench.Harness.Contracts;

/// <summary>
/// What a submission gets to build its method: the workload's scale and baseline recipe, the fresh model, and
/// (from the harness; null in unit tests that build a method by hand) the workload's loss and held-out training data.
/// </summary>
public sealed record TrainingSetup(
    string WorkloadId,
    WorkloadScale Scale,
    BaselineRecipe Baseline,
    torch.nn.Module Model,
    torch.Device Device,
    WorkloadAccess? Data = null);
