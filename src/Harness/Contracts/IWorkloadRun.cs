using TorchSharp;

namespace Bench.Harness.Contracts;

/// <summary>A workload opened for one trial: model factory, training batches, loss and evaluation.</summary>
public interface IWorkloadRun : IDisposable
{
    /// <summary>Estimated training FLOPs (forward + backward) per example; documented per workload.</summary>
    double TrainFlopsPerExample { get; }

    /// <summary>
    /// A freshly initialised model on the run's device. The harness seeds torch first and calls this in a
    /// dispose scope, keeping only parameters and buffers: register every tensor the model keeps.
    /// </summary>
    torch.nn.Module CreateModel();

    /// <summary>The training stream for <paramref name="seed"/>: the same seed gives the same batches.</summary>
    IBatchSource TrainBatches(int seed);

    /// <summary>
    /// The training stream <paramref name="stream"/> asks for: part of the split, or an augmentation variant. A
    /// workload that offers neither keeps this default, which accepts only <see cref="TrainStream.All"/>.
    /// </summary>
    IBatchSource TrainBatches(int seed, TrainStream stream) => stream == TrainStream.All
        ? TrainBatches(seed)
        : throw new NotSupportedException($"this workload cannot restrict or vary its training stream ({stream}); choose a workload that can (tinyshakespeare, cifar10)");

    /// <summary>Batches from the part of the training split that <paramref name="stream"/> holds out; never trained on.</summary>
    IBatchSource HeldOutBatches(int seed, TrainStream stream) =>
        throw new NotSupportedException($"this workload has no held-out part of its training split; choose a workload that has (tinyshakespeare, cifar10)");

    /// <summary>
    /// Names of alternative networks this workload can build for its data (a paper's own architecture, e.g. CIFAR-10's
    /// <c>airbench</c>); none by default.
    /// </summary>
    IReadOnlyList<string> ModelVariants => [];

    /// <summary>Builds the alternative network <paramref name="name"/> (see <see cref="ModelVariants"/>) on the run's device.</summary>
    torch.nn.Module CreateModel(string name) =>
        throw new NotSupportedException($"this workload builds no '{name}' network (it offers: {(ModelVariants.Count == 0 ? "none" : string.Join(", ", ModelVariants))})");

    /// <summary>
    /// What data this run read, written into the trial manifest: files and checksums and, where the workload decoded
    /// them, the decoder and its version. Null when the workload has nothing to say beyond its id and scale.
    /// </summary>
    string? DataDescription => null;

    /// <summary>Mean training loss of <paramref name="model"/> on <paramref name="batch"/> (a scalar with grad).</summary>
    torch.Tensor Loss(torch.nn.Module model, Batch batch);

    /// <summary>
    /// Metrics on the held-out split. The harness has already switched to <c>eval()</c> and
    /// <c>no_grad</c>; the workload uses a dispose scope per evaluation batch.
    /// </summary>
    Evaluation Evaluate(torch.nn.Module model);
}
