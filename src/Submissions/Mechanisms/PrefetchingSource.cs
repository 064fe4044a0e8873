using System.Collections.Concurrent;
using Bench.Contracts;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// Batches from a <see cref="PixelStore"/> prepared one ahead on a background thread while the step runs (FFCV's
/// asynchronous loading), in the order and with the flips of an <see cref="EpochPlan"/>: the same batches as
/// <see cref="PixelStoreSource"/> for the same seed. After handing out the batch at position <c>p</c> of size <c>s</c>
/// it starts the one at <c>p + s</c> of size <c>s</c>; if the next request asks for another size, the prepared batch is
/// dropped and the right one made (the stream stays a function of positions, so nothing shifts).
/// </summary>
/// <remarks>
/// Ownership: the worker makes a batch's tensors outside any dispose scope, so no scope owns them; <see cref="Next"/>,
/// on the caller's thread, hands out aliases made in the caller's dispose scope (the step's, which frees them) and
/// disposes the worker's handles at once, so each prepared tensor has exactly one owner at a time. A batch prepared but
/// never handed out is disposed by <see cref="Dispose"/>, which also stops the thread.
/// </remarks>
public sealed class PrefetchingSource : IBatchSource, IDisposable
{
    readonly PixelStore store;
    readonly EpochPlan plan;
    readonly BlockingCollection<(long Position, int Size)> requests = new();
    readonly BlockingCollection<Prepared> results = new();
    readonly Thread worker;
    long position;
    bool pending;
    bool disposed;

    sealed record Prepared(long Position, int Size, Batch? Batch, Exception? Error);

    public PrefetchingSource(PixelStore store, int seed)
    {
        this.store = store;
        plan = new EpochPlan(store.Count, seed);
        worker = new Thread(Work) { IsBackground = true, Name = "ffcv-prefetch" };
        worker.Start();
    }

    public Batch Next(int size)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!pending) requests.Add((position, size));
        var prepared = results.Take();
        if (prepared.Position != position || prepared.Size != size)
        {
            Free(prepared);
            requests.Add((position, size));
            prepared = results.Take();
        }
        if (prepared.Error is not null) throw new InvalidOperationException("the prefetch thread failed: " + prepared.Error.Message, prepared.Error);
        position += size;
        requests.Add((position, size));
        pending = true;
        var made = prepared.Batch!;
        try
        {
            return made with { Inputs = made.Inputs.alias(), Targets = made.Targets.alias() };
        }
        finally
        {
            made.Inputs.Dispose();
            made.Targets.Dispose();
        }
    }

    void Work()
    {
        foreach (var (at, size) in requests.GetConsumingEnumerable())
        {
            try
            {
                var (indices, flips) = plan.Take(at, size);
                results.Add(new Prepared(at, size, store.Gather(indices, flips), null));
            }
            catch (Exception e)
            {
                results.Add(new Prepared(at, size, null, e));
            }
        }
    }

    static void Free(Prepared prepared)
    {
        prepared.Batch?.Inputs.Dispose();
        prepared.Batch?.Targets.Dispose();
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        requests.CompleteAdding();
        worker.Join();
        while (results.TryTake(out var left)) Free(left);
        requests.Dispose();
        results.Dispose();
    }
}
