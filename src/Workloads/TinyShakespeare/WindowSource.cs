using Bench.Contracts;
using static TorchSharp.torch;

namespace Bench.Workloads.TinyShakespeare;

/// <summary>
/// Random windows of <c>context + 1</c> tokens from the training text (nanoGPT's sampler), start offsets from
/// System.Random(seed). Windows are sampled, not epochs of examples: a batch's example ids are its windows' start offsets.
/// </summary>
public sealed class WindowSource(long[] tokens, int context, int seed, Device device) : IBatchSource
{
    readonly Random random = new(seed);

    public Batch Next(int size)
    {
        var x = new long[size * context];
        var y = new long[size * context];
        var starts = new long[size];
        for (var row = 0; row < size; row++)
        {
            var start = random.Next(tokens.Length - context - 1);
            starts[row] = start;
            Array.Copy(tokens, start, x, row * context, context);
            Array.Copy(tokens, start + 1, y, row * context, context);
        }
        return new Batch(tensor(x, [size, context]).to(device), tensor(y, [size, context]).to(device)) { ExampleIds = starts };
    }
}
