namespace Bench.Contracts;

/// <summary>
/// Implemented by a replacement layer whose cost differs from the dense layer it replaces (a low-rank or sparse
/// layer), so <see cref="LayerFlops"/> counts the step actually run.
/// </summary>
public interface ILayerFlops
{
    /// <summary>
    /// Forward multiply-add FLOPs (2 per multiply-add, bias left out as in the workloads' formulas) of one application
    /// of the layer's map: one token for a linear layer, one output position for a convolution.
    /// </summary>
    double ForwardFlopsPerPosition { get; }

    /// <summary>
    /// Backward FLOPs of one application: the input gradient plus the weight gradient. By default each costs what the
    /// forward costs (the workloads' 3 x forward rule). A layer whose two backward products differ from its forward
    /// says so: an N:M mask on the weight makes the forward and (with a transposable or backward mask) the input
    /// gradient sparse, but never the weight gradient, which multiplies two dense operands.
    /// </summary>
    double BackwardFlopsPerPosition => (LayerFlops.TrainPerForward - 1) * ForwardFlopsPerPosition;
}
