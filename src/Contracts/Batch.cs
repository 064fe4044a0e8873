using TorchSharp;

namespace Bench.Contracts;

/// <summary>One training or evaluation batch. <c>Size</c> counts examples (rows), not tokens.</summary>
public sealed record Batch(torch.Tensor Inputs, torch.Tensor Targets)
{
    /// <summary>Number of examples in the batch.</summary>
    public int Size => (int)Inputs.shape[0];

    /// <summary>
    /// Which example of the workload's training split each row is (row <c>i</c> is example <c>ExampleIds[i]</c>), for
    /// methods that score, filter or reweight examples; null when the source does not say. Sources over a fixed set of
    /// examples (the classification workloads, modadd, kg-transe's positive triples) give each example's row index in
    /// the whole training split, held-out parts included, and every id once per epoch; tinyshakespeare, which samples
    /// windows, gives each window's start offset in the training text. A method that keeps or reorders rows keeps or
    /// reorders the ids with them; the array is the batch's own and is not to be changed in place.
    /// </summary>
    public long[]? ExampleIds { get; init; }
}
