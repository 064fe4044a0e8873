using System.Reflection;
using SkiaSharp;

namespace Bench.Workloads.Cifar10;

/// <summary>
/// Decodes one 32x32 JPEG into CIFAR-10's pixel layout (1024 red, 1024 green, 1024 blue bytes, rows top first)
/// with SkiaSharp, whose native library bundles libjpeg-turbo. No colour-space conversion is asked for, so the
/// bytes are the decoder's RGB output as is.
/// </summary>
public static class SkiaJpegDecoder
{
    const int Side = 32;
    const int Plane = Side * Side;

    static readonly SKImageInfo Rgba = new(Side, Side, SKColorType.Rgba8888, SKAlphaType.Unpremul);

    /// <summary>Decoder and version, for manifests and cache keys: the managed package and the native library.</summary>
    public static string Version { get; } =
        $"SkiaSharp {typeof(SKCodec).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?"}" +
        $" (native {SkiaSharpVersion.Native})";

    /// <summary>
    /// The version as a file-name part (<c>skiasharp-3.119.0-native-119.0</c>): a cache of decoded pixels is only
    /// valid for the decoder that made it, since IDCT rounding may differ between versions.
    /// </summary>
    public static string CacheTag { get; } = string.Concat(Version.ToLowerInvariant()
        .Replace(" (", "-", StringComparison.Ordinal).Replace(' ', '-').Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'));

    /// <summary>
    /// Writes the image in <paramref name="jpeg"/> to <paramref name="chw"/> (3072 bytes). Returns null on success,
    /// else why the bytes are not a decodable 32x32 image.
    /// </summary>
    public static string? TryDecode(byte[] jpeg, Span<byte> chw)
    {
        if (chw.Length != 3 * Plane) throw new ArgumentException($"needs {3 * Plane} bytes", nameof(chw));
        using var data = SKData.CreateCopy(jpeg);
        using var codec = SKCodec.Create(data);
        if (codec is null) return "not an image SkiaSharp recognises";
        if (codec.Info.Width != Side || codec.Info.Height != Side) return $"{codec.Info.Width}x{codec.Info.Height} pixels, not {Side}x{Side}";
        var result = codec.GetPixels(Rgba, out var rgba);
        // A truncated scan still yields an image (grey below the cut): it is broken data, not a decoded picture.
        if (result != SKCodecResult.Success) return $"decoding failed ({result})";
        for (var i = 0; i < Plane; i++)
        {
            chw[i] = rgba[4 * i];
            chw[Plane + i] = rgba[4 * i + 1];
            chw[2 * Plane + i] = rgba[4 * i + 2];
        }
        return null;
    }
}
