using TorchSharp;

namespace Bench.Contracts;

/// <summary>
/// What of the opened workload a method may use by itself: the training loss, batches from the held-out part of the
/// training split (<see cref="TrainStream"/>), a second training stream, and, to build a network or a batch stream of its
/// own, the shape of the data, its class count, the training split as tensors and the trial's seed. Never the evaluation
/// split, which stays with the harness. A method uses it in <c>Create</c> or its hooks, so the work is on the clock.
/// </summary>
/// <remarks>
/// These members are general on purpose: a paper that needs something the workload does not offer gets a general means
/// here (or on <see cref="IWorkloadRun"/>), not a member named after the paper; its own network or augmentation lives in
/// its submission folder (airbench builds its network from <see cref="InputShape"/>, <see cref="Classes"/> and
/// <see cref="TrainingSplit"/>, and streams its alternating flips through <see cref="TrainingMethod.TrainBatches"/>).
/// </remarks>
public sealed class WorkloadAccess(IWorkloadRun run, int seed)
{
    /// <summary>The trial's seed: a method that draws its own stream or choices seeds them from it, so a trial stays reproducible.</summary>
    public int Seed => seed;

    /// <summary>The shape of one example's input (see <see cref="IWorkloadRun.InputShape"/>); null when the workload does not say.</summary>
    public IReadOnlyList<long>? InputShape => run.InputShape;

    /// <summary>The class count of a classification workload (see <see cref="IWorkloadRun.Classes"/>); null for other tasks.</summary>
    public int? Classes => run.Classes;

    /// <summary>
    /// The training split as tensors (see <see cref="IWorkloadRun.TrainingSplit"/>; read-only, owned by the run); null when
    /// the workload does not hold it in memory.
    /// </summary>
    public Batch? TrainingSplit => run.TrainingSplit;

    /// <summary>The text of each token id of a text workload (see <see cref="IWorkloadRun.Vocabulary"/>); null for other workloads.</summary>
    public IReadOnlyList<string>? Vocabulary => run.Vocabulary;

    /// <summary>
    /// The training split as the workload stores it, before decoding (see <see cref="IWorkloadRun.EncodedTrainingSplit"/>);
    /// null when the workload does not offer it.
    /// </summary>
    public EncodedSplit? EncodedTrainingSplit => run.EncodedTrainingSplit;

    /// <summary>The workload's training FLOPs per example of its own model: the default a method's cost is judged against.</summary>
    public double TrainFlopsPerExample => run.TrainFlopsPerExample;

    /// <summary>The workload's mean training loss of <paramref name="model"/> on <paramref name="batch"/>.</summary>
    public torch.Tensor Loss(torch.nn.Module model, Batch batch) => run.Loss(model, batch);

    /// <summary>
    /// The workload's training loss of each example of <paramref name="batch"/> (<c>[B]</c>, with grad; see
    /// <see cref="IWorkloadRun.PerExampleLoss"/>). A method that scores the current batch with it charges the forward passes
    /// (<see cref="TrainingState.ChargeScoring"/>) and reports the examples it leaves out (<see cref="TrainingState.SkipTraining"/>).
    /// </summary>
    public torch.Tensor PerExampleLoss(torch.nn.Module model, Batch batch) => run.PerExampleLoss(model, batch);

    /// <summary>
    /// A second stream over the training part of <paramref name="stream"/>, in its own order (independent of the
    /// harness's stream), for a method's own trial steps: AutoLRS's probes.
    /// </summary>
    public IBatchSource SideTrainBatches(TrainStream stream) => run.TrainBatches(unchecked(seed * 7919 + 31), stream);

    /// <summary>Batches from the part of the training split that <paramref name="stream"/> holds out (seeded by the trial).</summary>
    public IBatchSource HeldOut(TrainStream stream) => run.HeldOutBatches(seed, stream);
}
