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
}
