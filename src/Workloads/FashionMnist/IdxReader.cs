using System.Buffers.Binary;
using System.IO.Compression;

namespace Bench.Workloads.FashionMnist;

/// <summary>
/// Reads IDX files (MNIST's format), gzip-compressed or not: a big-endian magic number whose third
/// byte is the element type (0x08 = unsigned byte) and fourth the number of dimensions, then the
/// dimension sizes, then the data. Sizes are read from the file, never assumed.
/// </summary>
public static class IdxReader
{
    /// <summary>The dimension sizes and the raw bytes of an unsigned-byte IDX file.</summary>
    public static (int[] Shape, byte[] Data) Read(string path)
    {
        using var file = File.OpenRead(path);
        using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return Parse(memory.ToArray(), path);
    }

    public static (int[] Shape, byte[] Data) Parse(byte[] bytes, string name)
    {
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0)
            throw new InvalidDataException($"{name} is not an IDX file (bad magic number)");
        if (bytes[2] != 0x08)
            throw new InvalidDataException($"{name}: element type 0x{bytes[2]:x2} is not supported (only unsigned bytes, 0x08)");
        var dimensions = bytes[3];
        var header = 4 + 4 * dimensions;
        if (bytes.Length < header) throw new InvalidDataException($"{name} is truncated in its header");
        var shape = new int[dimensions];
        for (var i = 0; i < dimensions; i++) shape[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * i));
        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (bytes.Length - header != count)
            throw new InvalidDataException($"{name}: header promises {count} values but the file has {bytes.Length - header}");
        return (shape, bytes[header..]);
    }
}
