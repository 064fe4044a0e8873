using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Micro.TensorBleu;

/// <summary>
/// Batched sentence BLEU without a loop over sentences: per order n, unfold every candidate and reference
/// into n-grams, count them through <c>unique</c>, and clip with a minimum of two count vectors. Two ways to
/// count (<see cref="NGramCounting"/>): TensorBLEU's, and one that suits libtorch on a CPU. Same definition
/// and smoothing as <see cref="LoopedBleu"/>, computed in float64 so the scores agree exactly.
/// </summary>
public static class VectorizedBleu
{
    /// <summary>Scores [batch] (float64) of every sentence of <paramref name="batch"/>.</summary>
    public static Tensor Batch(BleuBatch batch, BleuSmoothing smoothing, NGramCounting counting = NGramCounting.PackedKeys)
    {
        var clipped = new Tensor[LoopedBleu.MaxOrder];
        var counts = new Tensor[LoopedBleu.MaxOrder];
        var vocabulary = Math.Max(batch.Candidates.max().item<long>(), batch.References.max().item<long>()) + 1;
        for (var n = 1; n <= LoopedBleu.MaxOrder; n++)
            (clipped[n - 1], counts[n - 1]) = ClippedCounts(batch, n, vocabulary, counting);
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
    static (Tensor Clipped, Tensor Count) ClippedCounts(BleuBatch batch, int n, long vocabulary, NGramCounting counting)
    {
        var size = batch.Candidates.shape[0];
        var (candidates, candidateValid) = NGrams(batch.Candidates, batch.CandidateLengths, n);
        var (references, referenceValid) = NGrams(batch.References, batch.ReferenceLengths, n);
        var grams = cat([candidates, references]);
        var candidateRows = candidates.shape[0];
        var total = candidateValid.sum(1);

        if (counting == NGramCounting.TensorBleu)
        {
            // A dictionary of the batch's distinct n-grams, then one bincount over sentence x dictionary bins.
            var (dictionary, inverse, _) = unique(grams, return_inverse: true, dim: 0);
            var entries = dictionary.shape[0];
            var offsets = arange(size).unsqueeze(1) * entries;
            var candidateIds = inverse!.narrow(0, 0, candidateRows).view(size, -1) + offsets;
            var referenceIds = inverse!.narrow(0, candidateRows, references.shape[0]).view(size, -1) + offsets;
            var candidateCounts = bincount(candidateIds.flatten(), candidateValid.flatten(), size * entries).view(size, entries);
            var referenceCounts = bincount(referenceIds.flatten(), referenceValid.flatten(), size * entries).view(size, entries);
            return (minimum(candidateCounts, referenceCounts).sum(1), total);
        }

        // One int64 key per (sentence, n-gram); unique over keys gives as many bins as distinct pairs.
        var (keys, range) = GramKeys(grams, n, vocabulary, size);
        var sentences = cat([
            arange(size).unsqueeze(1).expand(size, candidateRows / size).reshape(-1),
            arange(size).unsqueeze(1).expand(size, references.shape[0] / size).reshape(-1)]);
        var (pairs, pairIds, _) = unique(sentences * range + keys, return_inverse: true);
        var bins = pairs.shape[0];
        var candidatePairCounts = bincount(pairIds!.narrow(0, 0, candidateRows), candidateValid.flatten(), bins);
        var referencePairCounts = bincount(pairIds!.narrow(0, candidateRows, references.shape[0]), referenceValid.flatten(), bins);
        var clipped = zeros(size, ScalarType.Float64).index_add(0, pairs.div(range, RoundingMode.floor), minimum(candidatePairCounts, referencePairCounts), 1);
        return (clipped, total);
    }

    /// <summary>
    /// An int64 key per n-gram row and the key range: the row read as a base-<paramref name="vocabulary"/>
    /// number when sentences x vocabulary^n fits in an int64, else a dictionary id from <c>unique(dim: 0)</c>.
    /// </summary>
    static (Tensor Keys, long Range) GramKeys(Tensor grams, int n, long vocabulary, long sentences)
    {
        var place = new long[n];
        place[n - 1] = 1;
        var fits = true;
        for (var i = n - 2; i >= 0 && fits; i--)
        {
            fits = place[i + 1] <= long.MaxValue / vocabulary;
            if (fits) place[i] = place[i + 1] * vocabulary;
        }
        fits = fits && place[0] <= long.MaxValue / vocabulary && place[0] * vocabulary <= long.MaxValue / sentences;
        if (fits) return ((grams * tensor(place)).sum([1]), place[0] * vocabulary);
        var (dictionary, ids, _) = unique(grams, return_inverse: true, dim: 0);
        return (ids!, dictionary.shape[0]);
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
