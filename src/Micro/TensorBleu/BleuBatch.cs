using static TorchSharp.torch;

namespace Bench.Micro.TensorBleu;

/// <summary>
/// Candidate and reference token ids, right-padded ([batch, width] int64) with their lengths ([batch]);
/// ids past a sentence's length are ignored.
/// </summary>
public sealed class BleuBatch(Tensor candidates, Tensor candidateLengths, Tensor references, Tensor referenceLengths) : IDisposable
{
    public Tensor Candidates { get; } = candidates;
    public Tensor CandidateLengths { get; } = candidateLengths;
    public Tensor References { get; } = references;
    public Tensor ReferenceLengths { get; } = referenceLengths;

    /// <summary>A batch of the given sentences.</summary>
    public static BleuBatch From(IReadOnlyList<long[]> candidates, IReadOnlyList<long[]> references)
    {
        static (Tensor Ids, Tensor Lengths) Pad(IReadOnlyList<long[]> sentences)
        {
            var width = Math.Max(1, sentences.Max(s => s.Length));
            var ids = new long[sentences.Count * width];
            for (var i = 0; i < sentences.Count; i++) sentences[i].CopyTo(ids, i * width);
            return (tensor(ids, [sentences.Count, width]), tensor(sentences.Select(s => (long)s.Length).ToArray()));
        }
        var (c, cl) = Pad(candidates);
        var (r, rl) = Pad(references);
        return new BleuBatch(c, cl, r, rl);
    }

    /// <summary>
    /// Random references of length width/2..width over <paramref name="vocabulary"/> ids, and candidates
    /// that copy them with about a fifth of the ids replaced and their own length: non-trivial scores.
    /// </summary>
    public static BleuBatch Random(int size, int width, int vocabulary, int seed)
    {
        var random = new Random(seed);
        var references = new long[size][];
        var candidates = new long[size][];
        for (var i = 0; i < size; i++)
        {
            references[i] = new long[random.Next(width / 2, width + 1)];
            for (var j = 0; j < references[i].Length; j++) references[i][j] = random.Next(vocabulary);
            candidates[i] = new long[random.Next(width / 2, width + 1)];
            for (var j = 0; j < candidates[i].Length; j++)
                candidates[i][j] = j < references[i].Length && random.NextDouble() >= 0.2 ? references[i][j] : random.Next(vocabulary);
        }
        return From(candidates, references);
    }

    public void Dispose()
    {
        Candidates.Dispose();
        CandidateLengths.Dispose();
        References.Dispose();
        ReferenceLengths.Dispose();
    }
}
