using Bench.Contracts;

namespace Bench.Submissions.Tests.Ffcv;

/// <summary>
/// A small stored split for the loader tests: <paramref name="count"/> images of shape [3, 4, 5] (not square, so a flip
/// along the wrong axis shows) whose "files" are their raw pixels (random bytes from a fixed seed), labels <c>i mod 10</c>,
/// and a made-up per-channel mean and std. Counts how often a file is decoded.
/// </summary>
sealed class ToySplit(int count) : EncodedSplit
{
    readonly byte[][] files = Files(count);

    static byte[][] Files(int count)
    {
        var random = new Random(5);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var pixels = new byte[3 * 4 * 5];
            random.NextBytes(pixels);
            return pixels;
        })];
    }

    public int Decodes { get; private set; }

    public override int Count => count;

    public override string Format => "raw test pixels";

    public override IReadOnlyList<long> DecodedShape { get; } = [3, 4, 5];

    public override IReadOnlyList<float> Mean { get; } = [0.49f, 0.48f, 0.45f];

    public override IReadOnlyList<float> Std { get; } = [0.25f, 0.24f, 0.26f];

    public override byte[] File(int index) => files[index];

    public override long Label(int index) => index % 10;

    public override void Decode(byte[] file, Span<byte> pixels)
    {
        Decodes++;
        file.AsSpan().CopyTo(pixels);
    }
}
