using Bench.Contracts.Data;
using Bench.Tests.Shared;

namespace Bench.Harness.Tests.Data;

public sealed class DecodedCacheTests : TempFolderTests
{
    static readonly byte[] Payload = [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))];

    readonly List<string> reports = [];
    int derivations;

    DecodedCache Cache => new(Path.Combine(Folder, "cache"), reports.Add);

    byte[] Derive()
    {
        derivations++;
        return (byte[])Payload.Clone();
    }

    [Fact]
    public void A_cache_hit_returns_identical_bytes_without_deriving_again()
    {
        var first = Cache.GetOrCreate("archive.abc123.decoder-1.0", Derive);
        var second = new DecodedCache(Path.Combine(Folder, "cache")).GetOrCreate("archive.abc123.decoder-1.0", Derive);

        Assert.Equal(Payload, first);
        Assert.Equal(Payload, second);
        Assert.Equal(1, derivations);
        Assert.Empty(reports);
    }

    [Fact]
    public void An_entry_is_written_atomically_and_leaves_no_temporary_file()
    {
        Cache.GetOrCreate("k", Derive);

        Assert.Equal(["k.bin"], Directory.GetFiles(Path.Combine(Folder, "cache")).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("flip a payload byte")]
    [InlineData("truncate")]
    [InlineData("append a byte")]
    [InlineData("not a cache file")]
    public void A_damaged_entry_is_derived_again_and_replaced(string damage)
    {
        Cache.GetOrCreate("k", Derive);
        var path = Cache.PathOf("k");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, damage switch
        {
            "flip a payload byte" => Flip(bytes, bytes.Length - 100),
            "truncate" => bytes[..^10],
            "append a byte" => [.. bytes, 0],
            _ => "hello"u8.ToArray(),
        });

        var read = Cache.GetOrCreate("k", Derive);

        Assert.Equal(Payload, read);
        Assert.Equal(2, derivations);
        Assert.Contains(reports, r => r.Contains("is damaged") && r.Contains(path));
        // The rebuilt entry is valid again: the next read is a hit.
        Assert.Equal(Payload, Cache.TryRead("k"));
        Assert.Equal(2, derivations);
    }

    [Fact]
    public void A_cache_that_cannot_be_written_is_reported_and_the_bytes_still_returned()
    {
        // A file where the cache folder should be: creating the folder fails, whoever runs the test.
        File.WriteAllText(Path.Combine(Folder, "cache"), "in the way");

        var bytes = Cache.GetOrCreate("k", Derive);

        Assert.Equal(Payload, bytes);
        Assert.Contains(reports, r => r.Contains("cannot be written"));
    }

    [Fact]
    public void A_key_that_is_not_a_plain_file_name_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Cache.PathOf("../escape"));
    }

    static byte[] Flip(byte[] bytes, int index)
    {
        bytes[index] ^= 0xFF;
        return bytes;
    }
}
