using TorchSharp;

namespace Bench.Contracts;

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
    /// The training stream <paramref name="stream"/> asks for: part of the split. A workload that cannot cut its split
    /// keeps this default, which accepts only <see cref="TrainStream.All"/>.
    /// </summary>
    IBatchSource TrainBatches(int seed, TrainStream stream) => stream == TrainStream.All
        ? TrainBatches(seed)
        : throw new NotSupportedException($"this workload cannot restrict its training stream ({stream}); choose a workload that can " +
            "(tinyshakespeare, cifar10)");

    /// <summary>Batches from the part of the training split that <paramref name="stream"/> holds out; never trained on.</summary>
    IBatchSource HeldOutBatches(int seed, TrainStream stream) =>
        throw new NotSupportedException($"this workload has no held-out part of its training split; choose a workload that has (tinyshakespeare, cifar10)");

    /// <summary>
    /// The shape of one example's input (the batch dimension left out), e.g. <c>[3, 32, 32]</c> for CIFAR-10 images or
    /// <c>[length]</c> for token ids, so a method can build a network of its own for the data (airbench's); null when the
    /// workload does not say.
    /// </summary>
    IReadOnlyList<long>? InputShape => null;

    /// <summary>The number of classes (targets are <c>0 .. Classes - 1</c>) of a classification workload; null for other tasks.</summary>
    int? Classes => null;

    /// <summary>
    /// The whole training split as tensors (inputs preprocessed as the workload's batches are, before any augmentation; row
    /// <c>i</c> is example id <c>i</c>), for a method that computes something from the data (airbench's whitening filters) or
    /// streams it its own way (<see cref="TrainingMethod.TrainBatches"/>). Null when the workload does not hold its split in
    /// memory. The tensors belong to the run: read them, never change or dispose them. A language-modelling workload whose
    /// examples are windows of one training text (tinyshakespeare) gives that text as one sequence: <c>Inputs[i]</c> the
    /// token at offset <c>i</c> (where the window with example id <c>i</c> starts), <c>Targets[i]</c> the token after it.
    /// </summary>
    Batch? TrainingSplit => null;

    /// <summary>
    /// The text each token id stands for (entry <c>i</c> is token <c>i</c>) of a text workload, so a method can read its
    /// <see cref="TrainingSplit"/> as text or write text of its own (a tag, a prompt) in the workload's tokens; null for
    /// other workloads.
    /// </summary>
    IReadOnlyList<string>? Vocabulary => null;

    /// <summary>
    /// The training split as stored files before decoding, with their decoder and the workload's standardisation (see
    /// <see cref="EncodedSplit"/>): for a method that loads the data its own way. Null when the workload does not offer it.
    /// A workload may read the files on first request (not while opening), so a method asks for it in <c>Create</c>.
    /// </summary>
    EncodedSplit? EncodedTrainingSplit => null;

    /// <summary>
    /// What data this run read, written into the trial manifest: files and checksums and, where the workload decoded
    /// them, the decoder and its version. Null when the workload has nothing to say beyond its id and scale.
    /// </summary>
    string? DataDescription => null;

    /// <summary>Mean training loss of <paramref name="model"/> on <paramref name="batch"/> (a scalar with grad).</summary>
    torch.Tensor Loss(torch.nn.Module model, Batch batch);

    /// <summary>
    /// The training loss of each example of <paramref name="batch"/> (shape <c>[B]</c>, with grad): the terms whose mean is
    /// <see cref="Loss"/>, for a method that scores, filters or reweights examples (loss-threshold filtering, selective
    /// backprop). A workload that cannot split its loss by example keeps this default, which refuses.
    /// </summary>
    torch.Tensor PerExampleLoss(torch.nn.Module model, Batch batch) =>
        throw new NotSupportedException("this workload has no per-example loss; choose a workload that has (cifar10, cifar10-vit, fashion-mnist, " +
            "sst2, tinyshakespeare, modadd)");

    /// <summary>
    /// Metrics on the held-out split. The harness has already switched to <c>eval()</c> and
    /// <c>no_grad</c>; the workload uses a dispose scope per evaluation batch.
    /// </summary>
    Evaluation Evaluate(torch.nn.Module model);
}
