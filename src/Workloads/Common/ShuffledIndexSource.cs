using Bench.Contracts;
using static TorchSharp.torch;

namespace Bench.Workloads.Common;

/// <summary>
/// Batches drawn from in-memory tensors epoch by epoch, in an order fixed by the seed (System.Random,
/// so it does not touch torch's generator). A batch that would cross an epoch boundary is completed
/// from the next epoch's order, so every batch has the requested size. Batches carry the rows' indices as example ids.
/// </summary>
public sealed class ShuffledIndexSource(Tensor inputs, Tensor targets, int seed) : IBatchSource
{
    readonly Random random = new(seed);
    readonly int count = (int)inputs.shape[0];
    int[] order = [];
    int cursor;

    public Batch Next(int size)
    {
        var indices = new long[size];
        for (var i = 0; i < size; i++)
        {
            if (cursor == order.Length) NewEpoch();
            indices[i] = order[cursor++];
        }
        using var index = tensor(indices, device: inputs.device);
        return new Batch(inputs.index_select(0, index), targets.index_select(0, index)) { ExampleIds = indices };
    }

    void NewEpoch()
    {
        order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        cursor = 0;
    }
}
