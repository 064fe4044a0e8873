using Bench.Contracts;
using TorchSharp;

namespace Bench.Workloads.Common;

/// <summary>
/// A classification run over in-memory tensors (train and test inputs and labels): shuffled batches,
/// cross-entropy loss, and accuracy and loss on the test split. Workloads add the model, its FLOPs and the class count.
/// Owns and disposes the four tensors; offers the training split to methods (<see cref="TrainingSplit"/>).
/// </summary>
public abstract class TensorClassificationRun(
    torch.Tensor train, torch.Tensor trainLabels, torch.Tensor test, torch.Tensor testLabels, int evaluationChunk = 2048) : IWorkloadRun
{
    protected torch.Tensor TrainInputs => train;
    protected torch.Tensor TrainLabels => trainLabels;

    public abstract double TrainFlopsPerExample { get; }

    public abstract torch.nn.Module CreateModel();

    public abstract int? Classes { get; }

    /// <summary>Every dimension of the training inputs but the first.</summary>
    public IReadOnlyList<long> InputShape => train.shape[1..];

    public Batch TrainingSplit => new(train, trainLabels);

    public IBatchSource TrainBatches(int seed) => Source(train, trainLabels, seed);

    /// <summary>Batches from the first examples of the training split (the held-out tail is cut off first).</summary>
    public IBatchSource TrainBatches(int seed, TrainStream stream) => stream == TrainStream.All
        ? TrainBatches(seed)
        : Slice(stream.Cut((int)train.shape[0]).Train, seed);

    /// <summary>Batches from the held-out tail of the training split, in their own order.</summary>
    public IBatchSource HeldOutBatches(int seed, TrainStream stream) =>
        Slice(stream.Cut((int)train.shape[0]).HeldOut, unchecked(seed * 7919 + 17));

    /// <summary>The training stream over <paramref name="inputs"/>: shuffled, with the workload's augmentation (this one has none).</summary>
    protected virtual IBatchSource Source(torch.Tensor inputs, torch.Tensor labels, int seed) => new ShuffledIndexSource(inputs, labels, seed);

    // Views of the training tensors: they share storage, so they live as long as the run and need no disposal of data.
    IBatchSource Slice(Range range, int seed)
    {
        var (start, length) = range.GetOffsetAndLength((int)train.shape[0]);
        if (length == 0) throw new ArgumentException("the requested part of the training split is empty");
        // Ids index the whole training split, so a held-out tail's examples keep their own numbers.
        return new IdOffsetSource(Source(train.narrow(0, start, length), trainLabels.narrow(0, start, length), seed), start);
    }

    public torch.Tensor Loss(torch.nn.Module model, Batch batch) =>
        torch.nn.functional.cross_entropy(Forward(model, batch.Inputs), batch.Targets);

    public torch.Tensor PerExampleLoss(torch.nn.Module model, Batch batch) =>
        torch.nn.functional.cross_entropy(Forward(model, batch.Inputs), batch.Targets, reduction: torch.nn.Reduction.None);

    public Evaluation Evaluate(torch.nn.Module model) =>
        ClassificationMetrics.Evaluate(x => Forward(model, x), test, testLabels, evaluationChunk);

    static torch.Tensor Forward(torch.nn.Module model, torch.Tensor inputs) =>
        ((torch.nn.Module<torch.Tensor, torch.Tensor>)model).forward(inputs);

    public virtual void Dispose()
    {
        train.Dispose();
        trainLabels.Dispose();
        test.Dispose();
        testLabels.Dispose();
        GC.SuppressFinalize(this);
    }
}
