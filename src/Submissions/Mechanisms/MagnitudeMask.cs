using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// Unstructured magnitude pruning of one layer: keep the round((1 − s)·numel) entries of largest |w| (ties broken by
/// <c>topk</c>), zero the rest. Applied to a freshly initialised weight it gives a sparse-from-scratch mask at exactly
/// the layer's target sparsity (uniform across layers). Shared by the SparseProp submission and its micro-benchmark.
/// </summary>
public static class MagnitudeMask
{
    /// <summary>A 0/1 float mask shaped like <paramref name="weight"/> keeping its largest-magnitude entries.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sparsity"/> is not in [0, 1) or keeps no entry.</exception>
    public static Tensor For(Tensor weight, double sparsity)
    {
        var kept = Kept(weight.numel(), sparsity);
        using var scope = NewDisposeScope();
        var flat = weight.detach().abs().reshape(-1);
        var top = flat.topk(kept).indexes;
        return zeros_like(flat).index_fill_(0, top, 1).view(weight.shape).MoveToOuterDisposeScope();
    }

    /// <summary>The number of entries kept of <paramref name="entries"/> at <paramref name="sparsity"/>: round((1 − s)·n), at least 1.</summary>
    public static int Kept(long entries, double sparsity)
    {
        if (!(sparsity >= 0 && sparsity < 1))
            throw new ArgumentOutOfRangeException(nameof(sparsity), sparsity, "sparsity must be in [0, 1): the fraction of weights pruned");
        var kept = (long)Math.Round((1 - sparsity) * entries, MidpointRounding.AwayFromZero);
        if (kept < 1)
            throw new ArgumentOutOfRangeException(nameof(sparsity), sparsity, $"sparsity {sparsity} keeps no weight of {entries}");
        return (int)kept;
    }
}
