using Bench.Contracts;
using static TorchSharp.torch;

namespace Bench.Workloads.KgTranse;

/// <summary>
/// Training batches for margin-ranking: Inputs are true triples (epoch-wise shuffled), Targets the same
/// triples with the head or the tail (probability 1/2 each) replaced by a uniformly drawn entity
/// (TransE's "unif" sampling). All draws come from System.Random(seed). Example ids are the positive triples' rows.
/// </summary>
public sealed class CorruptedTripleSource(int[,] train, int entities, int seed, Device device) : IBatchSource
{
    readonly Random random = new(seed);
    int[] order = [];
    int cursor;

    public Batch Next(int size)
    {
        var positive = new long[size * 3];
        var negative = new long[size * 3];
        var rows = new long[size];
        for (var i = 0; i < size; i++)
        {
            if (cursor == order.Length) NewEpoch();
            var row = order[cursor++];
            rows[i] = row;
            for (var j = 0; j < 3; j++) positive[i * 3 + j] = negative[i * 3 + j] = train[row, j];
            negative[i * 3 + (random.Next(2) == 0 ? 0 : 2)] = random.Next(entities);
        }
        return new Batch(tensor(positive, [size, 3]).to(device), tensor(negative, [size, 3]).to(device)) { ExampleIds = rows };
    }

    void NewEpoch()
    {
        order = Enumerable.Range(0, train.GetLength(0)).ToArray();
        random.Shuffle(order);
        cursor = 0;
    }
}
