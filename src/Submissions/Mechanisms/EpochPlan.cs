namespace Bench.Submissions.Mechanisms;

/// <summary>
/// The order and augmentation draws of a loader's endless stream, as a function of the stream position alone: epoch
/// <c>e</c> is a permutation of the <c>count</c> examples and one horizontal-flip draw per position, both
/// from <c>System.Random</c> seeded by (<c>seed</c>, <c>e</c>). A batch is the next <c>size</c> positions
/// (a batch that crosses an epoch boundary is completed from the next epoch, as the workload's stream does), so every
/// epoch covers every example once, and any loader, per-image or batched, synchronous or prefetching, that asks for the
/// same positions gets the same examples with the same flips. Thread-safe (a prefetch thread and the step may both ask).
/// </summary>
public sealed class EpochPlan
{
    readonly int count;
    readonly int seed;
    readonly Lock gate = new();
    long epoch = -1;
    int[] order = [];
    bool[] flips = [];

    public EpochPlan(int count, int seed)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), "a plan needs at least one example");
        this.count = count;
        this.seed = seed;
    }

    /// <summary>Number of examples an epoch covers.</summary>
    public int Count => count;

    /// <summary>The examples and flip draws of the <paramref name="size"/> positions from <paramref name="position"/> on.</summary>
    public (long[] Indices, bool[] Flips) Take(long position, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var indices = new long[size];
        var flipped = new bool[size];
        lock (gate)
        {
            for (var i = 0; i < size; i++)
            {
                var at = position + i;
                Load(at / count);
                var k = (int)(at % count);
                indices[i] = order[k];
                flipped[i] = flips[k];
            }
        }
        return (indices, flipped);
    }

    void Load(long wanted)
    {
        if (wanted == epoch) return;
        var random = new Random(unchecked(seed * 7919 + (int)wanted * 104_729 + 13));
        order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        flips = new bool[count];
        for (var k = 0; k < count; k++) flips[k] = random.Next(2) == 1;
        epoch = wanted;
    }
}
