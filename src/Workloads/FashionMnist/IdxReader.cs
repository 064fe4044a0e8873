using System.Buffers.Binary;
using System.IO.Compression;
using Bench.Contracts.Data;

namespace Bench.Workloads.FashionMnist;

/// <summary>
/// Reads IDX files (MNIST's format), gzip-compressed or not: a big-endian magic number whose third
/// byte is the element type (0x08 = unsigned byte) and fourth the number of dimensions, then the
/// dimension sizes, then the data. Sizes are read from the file, never assumed.
/// </summary>
public static class IdxReader
{
    /// <summary>Version of the cached form (the decompressed file); a change makes old cache entries unused.</summary>
    public const string CacheTag = "idx-1";

    /// <summary>The dimension sizes and the raw bytes of an unsigned-byte IDX file.</summary>
    public static (int[] Shape, byte[] Data) Read(string path) => Parse(Decompress(path), path);

    /// <summary>
    /// Like <see cref="Read"/>, with the decompressed file kept in <paramref name="cache"/> under its name and
    /// <paramref name="sha256"/> (the checksum the file was verified against), so only the first trial of a machine
    /// decompresses it. A damaged cache entry is decompressed again.
    /// </summary>
    public static (int[] Shape, byte[] Data) ReadCached(string path, string sha256, DecodedCache cache) =>
        Parse(cache.GetOrCreate(CacheKey(path, sha256), () => Decompress(path)), path);

    /// <summary>The cache key of an IDX file: its name without <c>.gz</c>, its SHA-256 and <see cref="CacheTag"/>.</summary>
    public static string CacheKey(string path, string sha256) =>
        $"{Path.GetFileName(path).Replace(".gz", "", StringComparison.OrdinalIgnoreCase)}.{sha256}.{CacheTag}";

    static byte[] Decompress(string path)
    {
        using var file = File.OpenRead(path);
        using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
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
