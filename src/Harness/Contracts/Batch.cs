using TorchSharp;

namespace Bench.Harness.Contracts;

/// <summary>One training or evaluation batch. <c>Size</c> counts examples (rows), not tokens.</summary>
public sealed record Batch(torch.Tensor Inputs, torch.Tensor Targets)
{
    /// <summary>Number of examples in the batch.</summary>
    public int Size => (int)Inputs.shape[0];
}
