using Bench.Contracts;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// FFCV's pre-decoded store, in memory: every image of a stored split decoded once into one contiguous uint8 tensor
/// <c>[n, c, h, w]</c> (a quarter of a float32 copy), with the labels as one int64 tensor. A batch is gathered with one
/// <c>index_select</c>, flipped on the whole batch (one <c>where</c> over a flipped view), then converted and standardised
/// as one tensor operation each: the per-image loader's work as batch operations, with the same result for the same draws.
/// Owns its tensors.
/// </summary>
public sealed class PixelStore : IDisposable
{
    readonly Tensor images;
    readonly Tensor labels;
    readonly ImageStandardisation standardisation;
    readonly Device? device;

    /// <summary>Decodes every file of <paramref name="split"/> (in order: row <c>i</c> is example <c>i</c>).</summary>
    public PixelStore(EncodedSplit split, Device? device = null)
    {
        standardisation = new ImageStandardisation(split);
        var bytes = split.DecodedBytes;
        var pixels = new byte[(long)split.Count * bytes];
        var classes = new long[split.Count];
        for (var i = 0; i < split.Count; i++)
        {
            split.Decode(split.File(i), pixels.AsSpan((int)((long)i * bytes), bytes));
            classes[i] = split.Label(i);
        }
        using var scope = NewDisposeScope();
        images = tensor(pixels, [split.Count, .. split.DecodedShape]).DetachFromDisposeScope();
        labels = tensor(classes).DetachFromDisposeScope();
        this.device = device;
        Count = split.Count;
    }

    /// <summary>Number of images stored.</summary>
    public int Count { get; }

    /// <summary>The stored pixels <c>[n, c, h, w]</c> uint8 (the store's own tensor: read only).</summary>
    public Tensor Pixels => images;

    /// <summary>
    /// The batch of <paramref name="indices"/>, each flipped horizontally where <paramref name="flips"/> says, standardised;
    /// its tensors are made in the caller's dispose scope (or none, on a prefetch thread).
    /// </summary>
    public Batch Gather(long[] indices, bool[] flips)
    {
        Tensor inputs;
        using (var scope = NewDisposeScope())
        {
            var index = tensor(indices);
            var pixels = images.index_select(0, index);
            var mask = tensor(flips).view(-1, 1, 1, 1);
            var flipped = where(mask, pixels.flip(3), pixels);
            var standardised = standardisation.Apply(flipped);
            inputs = (device is null || device.type == DeviceType.CPU ? standardised : standardised.to(device)).MoveToOuterDisposeScope();
        }
        Tensor targets;
        using (var scope = NewDisposeScope())
        {
            using var index = tensor(indices);
            var gathered = labels.index_select(0, index);
            targets = (device is null || device.type == DeviceType.CPU ? gathered : gathered.to(device)).MoveToOuterDisposeScope();
        }
        return new Batch(inputs, targets) { ExampleIds = indices };
    }

    public void Dispose()
    {
        images.Dispose();
        labels.Dispose();
        standardisation.Dispose();
    }
}
