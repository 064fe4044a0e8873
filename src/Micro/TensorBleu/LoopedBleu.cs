namespace Bench.Micro.TensorBleu;

/// <summary>
/// Sentence BLEU on token ids, one sentence at a time with a dictionary of n-gram counts: the per-sentence
/// loop TensorBLEU replaces (the paper's baseline is NLTK's sentence_bleu; this is the same algorithm in
/// C#). One reference per candidate, orders 1..4 with equal weights, brevity penalty exp(1 - r/c) when
/// c &lt;= r, and 0 for an empty candidate.
/// </summary>
public static class LoopedBleu
{
    /// <summary>The highest n-gram order.</summary>
    public const int MaxOrder = 4;

    /// <summary>BLEU of one candidate against one reference.</summary>
    public static double Sentence(ReadOnlySpan<long> candidate, ReadOnlySpan<long> reference, BleuSmoothing smoothing)
    {
        if (candidate.Length == 0) return 0;
        Span<double> clipped = stackalloc double[MaxOrder];
        Span<double> counts = stackalloc double[MaxOrder];
        for (var n = 1; n <= MaxOrder; n++)
        {
            var referenceCounts = Count(reference, n);
            var total = 0;
            var matched = 0;
            foreach (var (gram, count) in Count(candidate, n))
            {
                total += count;
                matched += Math.Min(count, referenceCounts.GetValueOrDefault(gram));
            }
            clipped[n - 1] = matched;
            counts[n - 1] = Math.Max(1, total);
        }
        var logSum = 0.0;
        var zeros = 0;
        for (var i = 0; i < MaxOrder; i++)
        {
            var precision = smoothing switch
            {
                BleuSmoothing.None => clipped[i] / counts[i],
                BleuSmoothing.Floor => (clipped[i] == 0 ? 0.1 : clipped[i]) / counts[i],
                BleuSmoothing.AddOne => i == 0 ? clipped[i] / counts[i] : (clipped[i] + 1) / (counts[i] + 1),
                BleuSmoothing.Exponential => clipped[i] == 0 ? 1 / (Math.Pow(2, ++zeros) * counts[i]) : clipped[i] / counts[i],
                _ => throw new ArgumentOutOfRangeException(nameof(smoothing)),
            };
            logSum += Math.Log(precision);
        }
        double c = candidate.Length, r = reference.Length;
        var brevity = c > r ? 1 : Math.Exp(1 - r / c);
        return brevity * Math.Exp(logSum / MaxOrder);
    }

    /// <summary>Scores of every sentence of a padded batch (ids [batch, length] and lengths [batch]).</summary>
    public static double[] Batch(BleuBatch batch, BleuSmoothing smoothing)
    {
        // In training the ids live in tensors; reading them out is part of the looped method's cost.
        var candidates = batch.Candidates.data<long>().ToArray();
        var references = batch.References.data<long>().ToArray();
        var candidateLengths = batch.CandidateLengths.data<long>().ToArray();
        var referenceLengths = batch.ReferenceLengths.data<long>().ToArray();
        var (cWidth, rWidth) = ((int)batch.Candidates.shape[1], (int)batch.References.shape[1]);
        var scores = new double[candidateLengths.Length];
        for (var i = 0; i < scores.Length; i++)
            scores[i] = Sentence(
                candidates.AsSpan(i * cWidth, (int)candidateLengths[i]),
                references.AsSpan(i * rWidth, (int)referenceLengths[i]),
                smoothing);
        return scores;
    }

    static Dictionary<(long, long, long, long), int> Count(ReadOnlySpan<long> tokens, int n)
    {
        var counts = new Dictionary<(long, long, long, long), int>();
        for (var start = 0; start + n <= tokens.Length; start++)
        {
            var gram = (tokens[start], n > 1 ? tokens[start + 1] : -1, n > 2 ? tokens[start + 2] : -1, n > 3 ? tokens[start + 3] : -1);
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }
        return counts;
    }
}
