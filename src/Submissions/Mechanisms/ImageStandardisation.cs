using Bench.Contracts;
using static TorchSharp.torch;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// The workload's per-channel standardisation of decoded uint8 pixels, <c>(pixels / 255 - mean) / std</c> in float32, as
/// the same chain of tensor operations the workload applies to its split, so a loader that starts from the files gives
/// the workload's exact values (<see cref="EncodedSplit"/>). Owns its two small tensors.
/// </summary>
public sealed class ImageStandardisation : IDisposable
{
    readonly Tensor mean;
    readonly Tensor std;

    public ImageStandardisation(EncodedSplit split)
    {
        if (split.DecodedShape.Count != 3 || split.Mean.Count != split.DecodedShape[0] || split.Std.Count != split.DecodedShape[0])
            throw new ConfigException($"a pixel loader needs images of shape [channels, height, width] with one mean and std per channel; the " +
                $"workload's stored split has shape [{string.Join(", ", split.DecodedShape)}] and {split.Mean.Count} means");
        using var scope = NewDisposeScope();
        mean = tensor(split.Mean.ToArray()).view(1, -1, 1, 1).DetachFromDisposeScope();
        std = tensor(split.Std.ToArray()).view(1, -1, 1, 1).DetachFromDisposeScope();
    }

    /// <summary>Standardised float32 images from uint8 <paramref name="pixels"/> <c>[n, c, h, w]</c>.</summary>
    public Tensor Apply(Tensor pixels) => pixels.to(float32).div(255).sub(mean).div(std);

    public void Dispose()
    {
        mean.Dispose();
        std.Dispose();
    }
}
