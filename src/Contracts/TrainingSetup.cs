using TorchSharp;

namespace Bench.Contracts;

/// <summary>
/// What a submission gets to build its method: the workload's scale and baseline recipe, the fresh model, the workload's
/// data access (loss, training data and its shape; always given: a unit test that builds a method by hand gives a real
/// or a small fake run's), and the submission's resolved hyperparameters (null in unit tests: the submission's defaults
/// apply).
/// </summary>
public sealed record TrainingSetup(
    string WorkloadId,
    WorkloadScale Scale,
    BaselineRecipe Baseline,
    torch.nn.Module Model,
    torch.Device Device,
    WorkloadAccess Data,
    Hyperparameters? Hyperparameters = null)
{
    /// <summary>
    /// The resolved hyperparameters as the submission's record <typeparamref name="T"/>; <paramref name="defaults"/>
    /// when the harness passed none (a method built by hand in a unit test).
    /// </summary>
    public T HyperparametersOr<T>(Func<T> defaults) =>
        Hyperparameters is { IsEmpty: false } resolved ? resolved.As<T>() : defaults();
}
