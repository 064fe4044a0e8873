using Bench.Contracts;
using static TorchSharp.torch;

namespace Bench.Workloads.Cifar10;

/// <summary>
/// Epoch-wise shuffled batches with random horizontal flips, both drawn from System.Random(seed), so
/// the same seed gives the same augmented batches.
/// </summary>
public sealed class FlipSource(Tensor images, Tensor labels, int seed) : IBatchSource
{
    readonly Common.ShuffledIndexSource order = new(images, labels, seed);
    readonly Random flips = new(unchecked(seed * 7919 + 1));

    public Batch Next(int size)
    {
        var batch = order.Next(size);
        var mask = new bool[size];
        for (var i = 0; i < size; i++) mask[i] = flips.Next(2) == 1;
        var flip = tensor(mask, device: images.device).view(size, 1, 1, 1);
        return batch with { Inputs = where(flip, batch.Inputs.flip(3), batch.Inputs) };
    }
}
