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

    /// <summary>Mean training loss of <paramref name="model"/> on <paramref name="batch"/> (a scalar with grad).</summary>
    torch.Tensor Loss(torch.nn.Module model, Batch batch);

    /// <summary>
    /// Metrics on the held-out split. The harness has already switched to <c>eval()</c> and
    /// <c>no_grad</c>; the workload uses a dispose scope per evaluation batch.
    /// </summary>
    Evaluation Evaluate(torch.nn.Module model);
}
