using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Bench.Contracts.Data;

/// <summary>
/// Bytes derived from a dataset file (e.g. decoded images), kept on disk so the slow derivation runs once.
/// Entries are keyed by the caller (the source file's SHA-256 and the decoder's version), written atomically
/// (temporary file, then rename), and checked on every read: a file whose length or checksum is wrong is
/// derived again and replaced, never trusted. The cache lives outside the data root, which may be read-only.
/// </summary>
/// <remarks>File layout: 8-byte magic, payload length (int64 little-endian), SHA-256 of the payload (32 bytes), payload.</remarks>
public sealed class DecodedCache(string folder, Action<string>? report = null)
{
    const int HeaderBytes = 8 + 8 + 32;
    static readonly byte[] Magic = "BENCHDC1"u8.ToArray();

    /// <summary>The per-user cache: <c>$XDG_CACHE_HOME/bench/decoded</c> or <c>~/.cache/bench/decoded</c>, beside the default data root.</summary>
    public static string DefaultFolder => Path.Combine(Path.GetDirectoryName(DatasetStore.DefaultRoot)!, "decoded");

    /// <summary>The folder entries are written to.</summary>
    public string Folder { get; } = folder;

    /// <summary>Path of the entry for <paramref name="key"/> (a file name: letters, digits, '.', '-', '_').</summary>
    public string PathOf(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? Path.Combine(Folder, key + ".bin")
            : throw new ArgumentException($"cache key '{key}' is not a plain file name", nameof(key));

    /// <summary>
    /// The bytes cached under <paramref name="key"/>, or, when there are none or they are damaged, the result of
    /// <paramref name="derive"/>, which is then cached. A cache that cannot be written is reported and skipped.
    /// </summary>
    public byte[] GetOrCreate(string key, Func<byte[]> derive)
    {
        if (TryRead(key) is { } cached) return cached;
        var bytes = derive();
        Write(key, bytes);
        return bytes;
    }

    /// <summary>The valid bytes cached under <paramref name="key"/>, or null (a damaged entry is reported and deleted).</summary>
    public byte[]? TryRead(string key)
    {
        var path = PathOf(key);
        string problem;
        try
        {
            if (!File.Exists(path)) return null;
            using var stream = File.OpenRead(path);
            var header = new byte[HeaderBytes];
            var headerRead = stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false);
            var payloadLength = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(8));
            if (headerRead < HeaderBytes || !header.AsSpan(0, 8).SequenceEqual(Magic))
                problem = "no cache header";
            else if (payloadLength != stream.Length - HeaderBytes)
                problem = $"{stream.Length - HeaderBytes} payload bytes, its header says {payloadLength}";
            else
            {
                var payload = new byte[payloadLength];
                stream.ReadExactly(payload);
                if (SHA256.HashData(payload).AsSpan().SequenceEqual(header.AsSpan(16, 32))) return payload;
                problem = "checksum mismatch";
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            report?.Invoke($"cache {path} cannot be read ({e.Message}); deriving it again");
            return null;
        }
        report?.Invoke($"cache {path} is damaged ({problem}); deriving it again");
        try { File.Delete(path); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return null;
    }

    /// <summary>Caches <paramref name="bytes"/> under <paramref name="key"/>, atomically; failures are reported, not thrown.</summary>
    public void Write(string key, byte[] bytes)
    {
        var path = PathOf(key);
        // Unique per writer: trial processes that derive the same entry at once each rename a whole file.
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Folder);
            var header = new byte[HeaderBytes];
            Magic.CopyTo(header, 0);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), bytes.LongLength);
            SHA256.HashData(bytes).CopyTo(header, 16);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(header);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            report?.Invoke($"cache {path} cannot be written ({e.Message}); continuing without it");
        }
        finally
        {
            try { if (File.Exists(temp)) File.Delete(temp); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }
}
