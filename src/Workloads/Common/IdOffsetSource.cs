using Bench.Contracts;

namespace Bench.Workloads.Common;

/// <summary>
/// A source over a part of the training split that starts at <paramref name="offset"/>: shifts its batches' example ids
/// by that offset, so they index the whole split. Tensors and draws are the inner source's, unchanged.
/// </summary>
public sealed class IdOffsetSource(IBatchSource inner, long offset) : IBatchSource
{
    public Batch Next(int size)
    {
        var batch = inner.Next(size);
        return batch.ExampleIds is null || offset == 0 ? batch : batch with { ExampleIds = [.. batch.ExampleIds.Select(id => id + offset)] };
    }
}
