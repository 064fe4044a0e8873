using Bench.Contracts;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// The naive loader (FFCV's point of comparison, a PyTorch <c>ImageFolder</c> + <c>DataLoader</c> with one worker): for
/// each example of a batch it reads the example's stored file, decodes it, converts and standardises it, flips it if its
/// draw says so, then collates the images into a batch. Nothing is cached: every epoch decodes every image again. Order
/// and flips come from an <see cref="EpochPlan"/>.
/// </summary>
public sealed class PerImageDecodingSource(EncodedSplit split, ImageStandardisation standardisation, int seed, Device? device = null) : IBatchSource
{
    readonly EpochPlan plan = new(split.Count, seed);
    readonly long[] shape = [1, .. split.DecodedShape];
    long position;

    public Batch Next(int size)
    {
        var (indices, flips) = plan.Take(position, size);
        position += size;
        var images = new Tensor[size];
        var labels = new long[size];
        Tensor inputs;
        using (var perImage = NewDisposeScope())
        {
            for (var i = 0; i < size; i++)
            {
                var pixels = new byte[split.DecodedBytes];
                split.Decode(split.File((int)indices[i]), pixels);
                using var image = tensor(pixels, shape);
                var standardised = standardisation.Apply(image);
                images[i] = flips[i] ? standardised.flip(3) : standardised;
                labels[i] = split.Label((int)indices[i]);
            }
            var collated = cat(images, 0);
            inputs = (device is null || device.type == DeviceType.CPU ? collated : collated.to(device)).MoveToOuterDisposeScope();
        }
        return new Batch(inputs, tensor(labels, device: inputs.device)) { ExampleIds = indices };
    }
}
