using TorchSharp;

namespace Bench.Harness.Contracts;

/// <summary>
/// What of the opened workload a method may use by itself: the training loss, batches from the held-out part of the
/// training split (<see cref="TrainStream"/>), a second training stream, and the workload's alternative networks.
/// Never the evaluation split, which stays with the harness. A method uses it in <c>Create</c> or its hooks, so the
/// work is on the clock.
/// </summary>
public sealed class WorkloadAccess(IWorkloadRun run, int seed)
{
    /// <summary>The workload's training FLOPs per example of its own model: the default a method's cost is judged against.</summary>
    public double TrainFlopsPerExample => run.TrainFlopsPerExample;

    /// <summary>The workload's mean training loss of <paramref name="model"/> on <paramref name="batch"/>.</summary>
    public torch.Tensor Loss(torch.nn.Module model, Batch batch) => run.Loss(model, batch);

    /// <summary>
    /// A second stream over the training part of <paramref name="stream"/>, in its own order (independent of the
    /// harness's stream), for a method's own trial steps: AutoLRS's probes.
    /// </summary>
    public IBatchSource SideTrainBatches(TrainStream stream) => run.TrainBatches(unchecked(seed * 7919 + 31), stream);

    /// <summary>A freshly built alternative network of the workload (e.g. <c>airbench</c> on CIFAR-10); the method owns and disposes it.</summary>
    public torch.nn.Module CreateModel(string name) => run.CreateModel(name);

    /// <summary>Batches from the part of the training split that <paramref name="stream"/> holds out (seeded by the trial).</summary>
    public IBatchSource HeldOut(TrainStream stream) => run.HeldOutBatches(seed, stream);
}
