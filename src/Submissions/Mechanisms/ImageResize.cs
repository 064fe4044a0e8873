using TorchSharp;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// Resizes a batch of images (N, C, H, W) to a square side with one interpolation for every size (bilinear, corners not
/// aligned, no antialiasing: from 32 to 16 px it is exactly the mean of each 2x2 block), so phases differ only in size.
/// </summary>
public static class ImageResize
{
    /// <summary><paramref name="images"/> at <paramref name="side"/> x <paramref name="side"/>; the same tensor when it already is.</summary>
    public static torch.Tensor To(torch.Tensor images, int side)
    {
        if (images.dim() != 4) throw new ArgumentException($"expected images (N, C, H, W), got shape [{string.Join(", ", images.shape)}]", nameof(images));
        if (images.shape[2] == side && images.shape[3] == side) return images;
        return torch.nn.functional.interpolate(images, size: [side, side], mode: torch.InterpolationMode.Bilinear, align_corners: false);
    }
}
