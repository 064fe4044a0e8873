using TorchSharp;

namespace Bench.Harness.Contracts;

/// <summary>What a submission gets to build its method: the workload's scale and baseline recipe, and the fresh model.</summary>
public sealed record TrainingSetup(
    string WorkloadId,
    WorkloadScale Scale,
    BaselineRecipe Baseline,
    torch.nn.Module Model,
    torch.Device Device);
