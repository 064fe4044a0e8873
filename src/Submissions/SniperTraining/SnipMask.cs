using static TorchSharp.torch;

namespace Bench.Submissions.SniperTraining;

/// <summary>
/// SNIP (Lee, Ajanthan and Torr, "SNIP: Single-shot Network Pruning based on Connection Sensitivity", 2019) as SNIPER
/// uses it: a weight's saliency is |∂L/∂c| for a multiplier c = 1 on it, i.e. |g ⊙ w| with the gradient summed over the
/// batches before the absolute value; the masks keep the most salient weights globally, across every prunable layer,
/// with no layer masked beyond a cap (SNIPER's guard against a layer collapsing to nothing).
/// </summary>
public static class SnipMask
{
    /// <summary>
    /// The saliency |w ⊙ Σ_b ∂L_b/∂w| of each of <paramref name="weights"/>, from <paramref name="batches"/> calls of
    /// <paramref name="loss"/> (each returns one batch's loss through the unmasked model). Leaves the weights' gradients
    /// at zero; the saliencies are detached from every dispose scope (the caller disposes them).
    /// </summary>
    public static IReadOnlyList<Tensor> Saliency(IReadOnlyList<Tensor> weights, Func<Tensor> loss, int batches)
    {
        if (batches < 1) throw new ArgumentOutOfRangeException(nameof(batches), batches, "SNIP needs at least one batch");
        foreach (var w in weights) w.grad?.zero_();
        for (var b = 0; b < batches; b++)
        {
            using var scope = NewDisposeScope();
            // Gradients accumulate over the batches: the sum comes before the absolute value, as in SNIP.
            loss().backward();
        }
        var saliencies = new List<Tensor>();
        using (no_grad())
        {
            foreach (var w in weights)
            {
                using var scope = NewDisposeScope();
                var grad = w.grad ?? throw new InvalidOperationException("a prunable weight got no gradient from the loss");
                saliencies.Add((w * grad).abs().DetachFromDisposeScope());
                grad.zero_();
            }
        }
        return saliencies;
    }

    /// <summary>
    /// The 0/1 masks (float, one per saliency) at global <paramref name="sparsity"/>: the floor(sparsity x N) least salient
    /// of all N weights are masked (ties at the threshold masked too), except that no layer loses more than
    /// floor(<paramref name="maxLayerSparsity"/> x n) of its n weights: a layer over the cap keeps everything above its
    /// own threshold instead. Masks for lower sparsities contain those for higher ones (each threshold only falls).
    /// </summary>
    public static IReadOnlyList<Tensor> Masks(IReadOnlyList<Tensor> saliencies, double sparsity, double maxLayerSparsity)
    {
        if (!(sparsity >= 0 && sparsity < 1)) throw new ArgumentOutOfRangeException(nameof(sparsity), sparsity, "sparsity must be in [0, 1)");
        if (!(maxLayerSparsity >= 0 && maxLayerSparsity <= 1))
            throw new ArgumentOutOfRangeException(nameof(maxLayerSparsity), maxLayerSparsity, "the layer cap must be in [0, 1]");
        using var scope = NewDisposeScope();
        var all = cat(saliencies.Select(s => s.flatten()).ToArray());
        var global = Threshold(all, (long)Math.Floor(sparsity * all.numel()));
        var masks = new List<Tensor>();
        foreach (var s in saliencies)
        {
            var cap = Threshold(s.flatten(), (long)Math.Floor(maxLayerSparsity * s.numel()));
            masks.Add(s.gt(Math.Min(global, cap)).to(s.dtype).MoveToOuterDisposeScope());
        }
        return masks;
    }

    /// <summary>The k-th smallest value of <paramref name="values"/> (1-based); below every saliency (-1) for k = 0.</summary>
    static double Threshold(Tensor values, long k) =>
        k <= 0 ? -1 : values.kthvalue(k, 0).values.to(ScalarType.Float64).item<double>();
}
