namespace Bench.Micro.Packing;

/// <summary>
/// Sentence lengths (words) distributed like SST-2's training split, so the benchmark needs no data files.
/// Measured from <c>textclass/sst2/train.tsv</c> (6,920 sentences, mean 19.3 words); the padded length is
/// the longest sentence of any split (56), which is what the sst2 workload pads to.
/// </summary>
public static class Sst2Lengths
{
    /// <summary>The longest sentence of train, dev and test: every padded row has this width.</summary>
    public const int PaddedLength = 56;

    /// <summary>Lengths at the 0th, 5th, ..., 100th percentile of the training split.</summary>
    static readonly int[] Ventiles = [2, 6, 7, 9, 11, 12, 14, 15, 16, 17, 19, 20, 21, 22, 24, 25, 27, 29, 32, 36, 52];

    /// <summary><paramref name="count"/> lengths drawn by inverse CDF (linear between ventiles), deterministic in <paramref name="seed"/>.</summary>
    public static int[] Sample(int count, int seed)
    {
        var random = new Random(seed);
        var lengths = new int[count];
        for (var i = 0; i < count; i++)
        {
            var position = random.NextDouble() * (Ventiles.Length - 1);
            var below = (int)position;
            lengths[i] = (int)Math.Round(Ventiles[below] + (position - below) * (Ventiles[below + 1] - Ventiles[below]));
        }
        return lengths;
    }
}
