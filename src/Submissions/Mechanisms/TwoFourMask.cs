using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// The 2:4 (N:M = 2:4) magnitude mask: in every group of four consecutive weights along the input
/// dimension, keep the two of largest magnitude. This is the pattern Ampere sparse tensor cores run;
/// here it only zeroes weights, and the matmul stays dense. A mechanism shared by the 2:4 micro-benchmark and the
/// submissions that train with 2:4 masks (transformer-2-4-sparsity, bi-mask).
/// </summary>
public static class TwoFourMask
{
    /// <summary>A 0/1 mask shaped like <paramref name="weight"/> [out, in]; in must be a multiple of 4.</summary>
    public static Tensor For(Tensor weight)
    {
        if (weight.dim() != 2 || weight.shape[1] % 4 != 0) throw new ArgumentException("expected [out, in] with in a multiple of 4, got " +
            $"[{string.Join(", ", weight.shape)}]");
        using var scope = NewDisposeScope();
        var groups = weight.detach().abs().view(weight.shape[0], -1, 4);
        var kept = groups.topk(2, dim: -1).indexes;
        return zeros_like(groups).scatter_(-1, kept, ones(kept.shape)).view(weight.shape).MoveToOuterDisposeScope();
    }
}
