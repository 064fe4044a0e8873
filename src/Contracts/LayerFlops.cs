namespace Bench.Contracts;

/// <summary>
/// FLOPs of a model counted from its named layers (<see cref="IReplaceableLayers"/>), so a method that replaces layers
/// reports the cost of the step it runs (<see cref="TrainingMethod.FlopsPerExample"/>). Counts are matmul FLOPs,
/// 2 per multiply-add, bias, normalisation and activations left out, as in the workloads' analytic formulas; training
/// is 3 x forward (the backward pass computes two products per forward product), the workloads' rule.
/// </summary>
public static class LayerFlops
{
    /// <summary>Training FLOPs per forward FLOP: forward plus a backward of twice its cost.</summary>
    public const double TrainPerForward = 3;

    /// <summary>
    /// Forward FLOPs of one application of the dense layer the slot describes: 2 x in x out x kernel elements; for an
    /// embedding bag, (2 x bag − 1) x out: a read of each of the bag's rows and the bag − 1 sums, the workloads' count of
    /// a lookup (kg-transe's 5d for h + r − t); for a feed-forward unit its two linear maps, 2 x hidden x (in + out). A
    /// block has no count of its own: its FLOPs are its layers'.
    /// </summary>
    public static double DenseForwardPerPosition(LayerSlot slot) => slot.Kind switch
    {
        LayerKind.EmbeddingBag => (2.0 * slot.KernelSize - 1) * slot.Outputs,
        LayerKind.FeedForward => 2.0 * slot.Hidden * (slot.Inputs + slot.Outputs),
        LayerKind.Block => throw new ArgumentException(
            $"'{slot.Name}' is a block: its FLOPs are its layers' (IReplaceableLayers.Layers), not one map's", nameof(slot)),
        _ => 2.0 * slot.Inputs * slot.Outputs * slot.KernelElements,
    };

    /// <summary>
    /// Forward FLOPs of one application of the slot's current module: its own count if it reports one
    /// (<see cref="ILayerFlops"/>), else the dense count (the original layer, or a replacement that costs the same).
    /// </summary>
    public static double ForwardPerPosition(LayerSlot slot) =>
        slot.Module is ILayerFlops reported ? reported.ForwardFlopsPerPosition : DenseForwardPerPosition(slot);

    /// <summary>
    /// Training FLOPs (forward plus backward) of one application of the slot's current module: its own counts if it
    /// reports them (<see cref="ILayerFlops"/>), else 3 x the dense forward.
    /// </summary>
    public static double TrainPerPosition(LayerSlot slot) => slot.Module is ILayerFlops reported
        ? reported.ForwardFlopsPerPosition + reported.BackwardFlopsPerPosition
        : TrainPerForward * DenseForwardPerPosition(slot);

    /// <summary>Forward FLOPs per example of the model's named layers as they are now.</summary>
    public static double ForwardPerExample(IReplaceableLayers model) =>
        model.Layers.Sum(slot => slot.PositionsPerExample * ForwardPerPosition(slot));

    /// <summary>Forward FLOPs per example of the model's named layers if every one were the dense layer.</summary>
    public static double DenseForwardPerExample(IReplaceableLayers model) =>
        model.Layers.Sum(slot => slot.PositionsPerExample * DenseForwardPerPosition(slot));

    /// <summary>
    /// Training FLOPs per example of the model as it is now, in the workload's terms: the workload's dense figure
    /// <paramref name="workloadTrainFlopsPerExample"/> (<see cref="WorkloadAccess.TrainFlopsPerExample"/>) with each
    /// named layer's dense training cost (3 x forward) swapped for its current training cost (<see cref="TrainPerPosition"/>). What the workload
    /// counts beyond the
    /// layers (attention scores, for example) is kept as it is; an unchanged model gives the workload's figure exactly.
    /// </summary>
    public static double TrainFlopsPerExample(IReplaceableLayers model, double workloadTrainFlopsPerExample) =>
        workloadTrainFlopsPerExample + model.Layers.Sum(slot =>
            slot.PositionsPerExample * (TrainPerPosition(slot) - TrainPerForward * DenseForwardPerPosition(slot)));
}
