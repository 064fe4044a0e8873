using static TorchSharp.torch;

namespace Bench.Workloads.FashionMnist;

/// <summary>
/// Train and test images of an IDX dataset as flattened float tensors scaled to [0, 1], with int64 labels.
/// Counts, image size and class count come from the files.
/// </summary>
public sealed class ImageSet : IDisposable
{
    ImageSet(Tensor trainImages, Tensor trainLabels, Tensor testImages, Tensor testLabels, int classes)
    {
        (TrainImages, TrainLabels, TestImages, TestLabels, Classes) = (trainImages, trainLabels, testImages, testLabels, classes);
    }

    public Tensor TrainImages { get; }
    public Tensor TrainLabels { get; }
    public Tensor TestImages { get; }
    public Tensor TestLabels { get; }
    public int Classes { get; }
    public int Features => (int)TrainImages.shape[1];

    /// <summary>
    /// Reads <c>{prefix}-images-idx3-ubyte.gz</c> and <c>{prefix}-labels-idx1-ubyte.gz</c> for both splits, each file
    /// with <paramref name="read"/> (default <see cref="IdxReader.Read"/>; the workload passes a cached reader).
    /// </summary>
    public static ImageSet Load(string folder, string trainPrefix, string testPrefix, Device device, Func<string, (int[] Shape, byte[] Data)>? read = null)
    {
        using var scope = NewDisposeScope();
        read ??= IdxReader.Read;
        var (trainImages, trainLabels) = Split(folder, trainPrefix, device, read);
        var (testImages, testLabels) = Split(folder, testPrefix, device, read);
        if (trainImages.shape[1] != testImages.shape[1])
            throw new InvalidDataException($"train images have {trainImages.shape[1]} pixels but test images {testImages.shape[1]}");
        var classes = (int)Math.Max(trainLabels.max().item<long>(), testLabels.max().item<long>()) + 1;
        return new ImageSet(trainImages.DetachFromDisposeScope(), trainLabels.DetachFromDisposeScope(),
            testImages.DetachFromDisposeScope(), testLabels.DetachFromDisposeScope(), classes);
    }

    static (Tensor Images, Tensor Labels) Split(string folder, string prefix, Device device, Func<string, (int[] Shape, byte[] Data)> read)
    {
        var imagesPath = Path.Combine(folder, $"{prefix}-images-idx3-ubyte.gz");
        var labelsPath = Path.Combine(folder, $"{prefix}-labels-idx1-ubyte.gz");
        var (shape, pixels) = read(imagesPath);
        var (labelShape, labelBytes) = read(labelsPath);
        if (shape.Length != 3 || labelShape.Length != 1 || shape[0] != labelShape[0])
            throw new InvalidDataException($"{imagesPath} ({string.Join("x", shape)}) and {labelsPath} ({string.Join("x", labelShape)}) do not match");
        var images = tensor(pixels, [shape[0], shape[1] * shape[2]]).to(float32).div(255.0).to(device);
        var labels = tensor(labelBytes).to(int64).to(device);
        return (images, labels);
    }

    public void Dispose()
    {
        TrainImages.Dispose();
        TrainLabels.Dispose();
        TestImages.Dispose();
        TestLabels.Dispose();
    }
}
