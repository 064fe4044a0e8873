using Bench.Contracts;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// Batches from a <see cref="PixelStore"/> in the order and with the flips of an <see cref="EpochPlan"/>, made when asked
/// (no prefetch): the synchronous form of <see cref="PrefetchingSource"/>, which must give the same batches.
/// </summary>
public sealed class PixelStoreSource(PixelStore store, int seed) : IBatchSource
{
    readonly EpochPlan plan = new(store.Count, seed);
    long position;

    public Batch Next(int size)
    {
        var (indices, flips) = plan.Take(position, size);
        position += size;
        return store.Gather(indices, flips);
    }
}
