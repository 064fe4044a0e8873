using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Micro.SampledSoftmax;

/// <summary>
/// Output-layer cross-entropy for hidden states [N, d], an output matrix [V, d] and targets [N]: the full
/// softmax, and sampled softmax with the importance-sampling correction. For the sampled form, K ids drawn
/// from q (shared by the batch) get logits s_j - log(K q_j), samples equal to the target are dropped
/// (accidental hits), and the target keeps its own logit: the loss is -s_t + log(e^{s_t} + Ẑ) where
/// Ẑ = (1/K) Σ_k [j_k ≠ t] e^{s_jk} / q_jk is an unbiased estimate of Σ_{j≠t} e^{s_j}, so the
/// normaliser e^{s_t} + Ẑ is unbiased for the full Z (its log, the loss, is not: Jensen).
/// </summary>
public static class SoftmaxLoss
{
    /// <summary>Mean full-softmax cross-entropy over all V classes.</summary>
    public static Tensor Full(Tensor hidden, Tensor weight, Tensor targets) =>
        nn.functional.cross_entropy(hidden.mm(weight.t()), targets);

    /// <summary>Mean sampled-softmax loss with <paramref name="samples"/> [K] drawn from <paramref name="proposal"/> [V].</summary>
    public static Tensor Sampled(Tensor hidden, Tensor weight, Tensor targets, Tensor samples, Tensor proposal)
    {
        var (targetLogits, logits) = CorrectedLogits(hidden, weight, targets, samples, proposal);
        return (logits.logsumexp(1) - targetLogits).mean();
    }

    /// <summary>The estimated normaliser e^{s_t} + Ẑ per example [N], float64: what the correction makes unbiased.</summary>
    public static Tensor NormaliserEstimate(Tensor hidden, Tensor weight, Tensor targets, Tensor samples, Tensor proposal) =>
        CorrectedLogits(hidden, weight, targets, samples, proposal).Logits.to(ScalarType.Float64).logsumexp(1).exp();

    static (Tensor Target, Tensor Logits) CorrectedLogits(Tensor hidden, Tensor weight, Tensor targets, Tensor samples, Tensor proposal)
    {
        var count = samples.shape[0];
        var target = (hidden * weight.index_select(0, targets)).sum(1);
        var sampled = hidden.mm(weight.index_select(0, samples).t()) - (proposal.index_select(0, samples) * count).log();
        var hits = targets.unsqueeze(1).eq(samples.unsqueeze(0));
        sampled = sampled.masked_fill(hits, double.NegativeInfinity);
        return (target, cat([target.unsqueeze(1), sampled], 1));
    }
}
