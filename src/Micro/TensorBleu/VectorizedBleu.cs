using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Micro.TensorBleu;

/// <summary>
/// TensorBLEU's batched sentence BLEU: per order n, unfold every candidate and reference into n-grams,
/// give the n-grams of the whole batch compact ids with <c>unique(dim: 0)</c> (a dictionary the size of
/// the n-grams present, not vocabulary^n), offset each sentence's ids by sentence x dictionary size and
/// count them all with one <c>bincount</c>; clipping is a minimum of two count matrices. Same definition
/// and smoothing as <see cref="LoopedBleu"/>, computed in float64 so the scores agree exactly.
/// </summary>
public static class VectorizedBleu
{
    /// <summary>Scores [batch] (float64) of every sentence of <paramref name="batch"/>.</summary>
    public static Tensor Batch(BleuBatch batch, BleuSmoothing smoothing)
    {
        var size = batch.Candidates.shape[0];
        var clipped = new Tensor[LoopedBleu.MaxOrder];
        var counts = new Tensor[LoopedBleu.MaxOrder];
        for (var n = 1; n <= LoopedBleu.MaxOrder; n++)
            (clipped[n - 1], counts[n - 1]) = ClippedCounts(batch, n);
        var matched = stack(clipped, 1);
        var total = stack(counts, 1).clamp_min(1);
        var zero = matched.eq(0);
        var precision = smoothing switch
        {
            BleuSmoothing.None => matched / total,
            BleuSmoothing.Floor => matched.where(zero.logical_not(), 0.1) / total,
            BleuSmoothing.AddOne => cat([matched.narrow(1, 0, 1) / total.narrow(1, 0, 1), (matched.narrow(1, 1, 3) + 1) / (total.narrow(1, 1, 3) + 1)], 1),
            // The k-th zero (in order of n) gets 1 / (2^k count).
            BleuSmoothing.Exponential => where(zero, pow(2.0, zero.to(ScalarType.Float64).cumsum(1)).mul(total).reciprocal(), matched / total),
            _ => throw new ArgumentOutOfRangeException(nameof(smoothing)),
        };
        var c = batch.CandidateLengths.to(ScalarType.Float64);
        var r = batch.ReferenceLengths.to(ScalarType.Float64);
        var brevity = where(c > r, ones_like(c), exp(1 - r / c));
        var score = brevity * precision.log().mean([1]).exp();
        return where(c.eq(0), zeros_like(score), score);
    }

    /// <summary>Clipped matches and candidate n-gram counts [batch] for order <paramref name="n"/>.</summary>
    static (Tensor Clipped, Tensor Count) ClippedCounts(BleuBatch batch, int n)
    {
        var size = batch.Candidates.shape[0];
        var (candidates, candidateValid) = NGrams(batch.Candidates, batch.CandidateLengths, n);
        var (references, referenceValid) = NGrams(batch.References, batch.ReferenceLengths, n);
        var (dictionary, inverse, _) = unique(cat([candidates, references]), return_inverse: true, dim: 0);
        var ids = inverse!;
        var entries = dictionary.shape[0];
        var offsets = arange(size).unsqueeze(1) * entries;
        var candidateIds = ids.narrow(0, 0, candidates.shape[0]).view(size, -1) + offsets;
        var referenceIds = ids.narrow(0, candidates.shape[0], references.shape[0]).view(size, -1) + offsets;
        var candidateCounts = bincount(candidateIds.flatten(), candidateValid.flatten(), size * entries).view(size, entries);
        var referenceCounts = bincount(referenceIds.flatten(), referenceValid.flatten(), size * entries).view(size, entries);
        return (minimum(candidateCounts, referenceCounts).sum(1), candidateValid.sum(1));
    }

    /// <summary>All n-grams [batch x windows, n] of padded ids and a float64 weight [batch, windows]: 1 where the n-gram lies within the sentence.</summary>
    static (Tensor Grams, Tensor Valid) NGrams(Tensor ids, Tensor lengths, int n)
    {
        if (ids.shape[1] < n) ids = nn.functional.pad(ids, [0, n - ids.shape[1]]);
        var grams = ids.unfold(1, n, 1);
        var windows = grams.shape[1];
        var valid = (arange(windows).unsqueeze(0) + n).le(lengths.unsqueeze(1)).to(ScalarType.Float64);
        return (grams.reshape(-1, n), valid);
    }
}
