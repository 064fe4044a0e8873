using Bench.Contracts;

namespace Bench.Workloads.Cifar10;

/// <summary>
/// CIFAR-10's training split as stored: the JPEG files of the archive (decoded by <see cref="SkiaJpegDecoder"/>, the
/// decoder the workload's own pixels come from) or, for a copy kept as binary records, each image's 3,072 raw bytes.
/// Row <c>i</c> is example <c>i</c> of the run's training split, with the run's per-channel standardisation.
/// </summary>
public sealed class CifarEncodedSplit(IReadOnlyList<(int Label, byte[] File)> files, bool jpeg, float[] mean, float[] std) : EncodedSplit
{
    public override int Count => files.Count;

    public override string Format => jpeg ? $"JPEG files ({SkiaJpegDecoder.Version})" : "raw CIFAR-10 records (3,072 bytes, no decoding)";

    public override IReadOnlyList<long> DecodedShape { get; } = [3, 32, 32];

    public override IReadOnlyList<float> Mean => mean;

    public override IReadOnlyList<float> Std => std;

    public override byte[] File(int index) => files[index].File;

    public override long Label(int index) => files[index].Label;

    public override void Decode(byte[] file, Span<byte> pixels)
    {
        if (!jpeg)
        {
            file.AsSpan().CopyTo(pixels);
            return;
        }
        if (SkiaJpegDecoder.TryDecode(file, pixels) is { } problem)
            throw new InvalidDataException($"a CIFAR-10 JPEG file is not decodable: {problem}");
    }
}
