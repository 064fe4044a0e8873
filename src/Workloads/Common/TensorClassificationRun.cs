using Bench.Harness.Contracts;
using TorchSharp;

namespace Bench.Workloads.Common;

/// <summary>
/// A classification run over in-memory tensors (train and test inputs and labels): shuffled batches,
/// cross-entropy loss, and accuracy and loss on the test split. Workloads add the model and its FLOPs.
/// Owns and disposes the four tensors.
/// </summary>
public abstract class TensorClassificationRun(
    torch.Tensor train, torch.Tensor trainLabels, torch.Tensor test, torch.Tensor testLabels, int evaluationChunk = 2048) : IWorkloadRun
{
    protected torch.Tensor TrainInputs => train;
    protected torch.Tensor TrainLabels => trainLabels;

    public abstract double TrainFlopsPerExample { get; }

    public abstract torch.nn.Module CreateModel();

    public virtual IBatchSource TrainBatches(int seed) => new ShuffledIndexSource(train, trainLabels, seed);

    public torch.Tensor Loss(torch.nn.Module model, Batch batch) =>
        torch.nn.functional.cross_entropy(Forward(model, batch.Inputs), batch.Targets);

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
