using Bench.Workloads.FashionMnist;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Repro.Transfer;

/// <summary>
/// A downstream classification task for a network trained on 3 x 32 x 32 images: train and test images as
/// [N, 3, 32, 32] float tensors standardised with the training images' mean and standard deviation, int64 labels.
/// </summary>
public sealed class DownstreamImages : IDisposable
{
    public required Tensor Train { get; init; }
    public required Tensor TrainLabels { get; init; }
    public required Tensor Test { get; init; }
    public required Tensor TestLabels { get; init; }
    public required int Classes { get; init; }
    public required string Description { get; init; }

    /// <summary>The side of the images the upstream network expects (CIFAR-10's).</summary>
    public const int Side = 32;

    /// <summary>
    /// Grey 28 x 28 images as flat rows [N, 784] to [N, 3, 32, 32]: each image padded by 2 zero pixels on every side
    /// (pixel (r, c) lands at (r + 2, c + 2), the background stays black) and its one channel repeated three times, so a
    /// network trained on CIFAR-10's RGB sees a grey image.
    /// </summary>
    public static Tensor ToRgb32(Tensor flat, int side = 28)
    {
        if (flat.dim() != 2 || flat.shape[1] != (long)side * side)
            throw new ArgumentException($"expected flat {side}x{side} images [N, {side * side}], got [{string.Join(", ", flat.shape)}]", nameof(flat));
        var pad = (Side - side) / 2;
        if (pad < 0 || side + 2 * pad != Side) throw new ArgumentException($"a {side}x{side} image cannot be centred in {Side}x{Side}", nameof(side));
        using var scope = NewDisposeScope();
        var grey = nn.functional.pad(flat.reshape(-1, 1, side, side), [pad, pad, pad, pad]);
        return grey.expand(-1, 3, -1, -1).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Fashion-MNIST as a 32 x 32 RGB task: the first <paramref name="trainExamples"/> training images and the first
    /// <paramref name="testExamples"/> test images of <paramref name="set"/>, mapped by <see cref="ToRgb32"/> and
    /// standardised with the used training images' statistics (one mean and deviation: the channels are equal).
    /// </summary>
    public static DownstreamImages FashionMnist(ImageSet set, int trainExamples, int testExamples)
    {
        using var scope = NewDisposeScope();
        var trainCount = Math.Min(trainExamples, set.TrainImages.shape[0]);
        var testCount = Math.Min(testExamples, set.TestImages.shape[0]);
        var train = ToRgb32(set.TrainImages.narrow(0, 0, trainCount));
        var test = ToRgb32(set.TestImages.narrow(0, 0, testCount));
        var (mean, std) = (train.mean(), train.std());
        return new DownstreamImages
        {
            Train = train.sub(mean).div(std).DetachFromDisposeScope(),
            TrainLabels = set.TrainLabels.narrow(0, 0, trainCount).clone().DetachFromDisposeScope(),
            Test = test.sub(mean).div(std).DetachFromDisposeScope(),
            TestLabels = set.TestLabels.narrow(0, 0, testCount).clone().DetachFromDisposeScope(),
            Classes = set.Classes,
            Description = $"Fashion-MNIST as 3x32x32 (padded 28->32, grey repeated), {trainCount:N0} train / {testCount:N0} test images",
        };
    }

    public void Dispose()
    {
        Train.Dispose();
        TrainLabels.Dispose();
        Test.Dispose();
        TestLabels.Dispose();
    }
}
