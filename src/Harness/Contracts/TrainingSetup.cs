using TorchSharp;

namespace Bench.Harness.Contracts;

/// <summary>
/// What a submission gets to build its method: the workload's scale and baseline recipe, the fresh model, and
/// (from the harness; null in unit tests that build a method by hand) the workload's loss and held-out training data,
/// and the submission's resolved hyperparameters (null in unit tests: the submission's defaults apply).
/// </summary>
public sealed record TrainingSetup(
    string WorkloadId,
    WorkloadScale Scale,
    BaselineRecipe Baseline,
    torch.nn.Module Model,
    torch.Device Device,
    WorkloadAccess? Data = null,
    Hyperparameters? Hyperparameters = null)
{
    /// <summary>
    /// The resolved hyperparameters as the submission's record <typeparamref name="T"/>; <paramref name="defaults"/>
    /// when the harness passed none (a method built by hand in a unit test).
    /// </summary>
    public T HyperparametersOr<T>(Func<T> defaults) =>
        Hyperparameters is { IsEmpty: false } resolved ? resolved.As<T>() : defaults();
}
