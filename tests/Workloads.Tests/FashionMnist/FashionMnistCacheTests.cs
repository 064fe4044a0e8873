using System.IO.Compression;
using Bench.Contracts.Data;
using Bench.Tests.Shared;
using Bench.Workloads.FashionMnist;

namespace Bench.Workloads.Tests.FashionMnist;

/// <summary>The decompressed IDX files are cached under their SHA-256, so only a machine's first trial decompresses them.</summary>
public sealed class FashionMnistCacheTests : TempFolderTests
{
    readonly List<string> reports = [];

    string Data => Path.Combine(Folder, "fashion-mnist");

    DecodedCache Cache => new(Path.Combine(Folder, "cache"), reports.Add);

    /// <summary>Three 2x2 images and labels per split, pixel values offset by <paramref name="offset"/>.</summary>
    void WriteFiles(byte offset)
    {
        Directory.CreateDirectory(Data);
        foreach (var prefix in new[] { "train", "t10k" })
        {
            WriteGzip($"{prefix}-images-idx3-ubyte.gz", [0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2, .. Enumerable.Range(0, 12)
                .Select(i => (byte)(i * 20 + offset))]);
            WriteGzip($"{prefix}-labels-idx1-ubyte.gz", [0, 0, 8, 1, 0, 0, 0, 3, 0, 1, (byte)(2 + offset % 2)]);
        }
    }

    void WriteGzip(string name, byte[] bytes)
    {
        using var gzip = new GZipStream(File.Create(Path.Combine(Data, name)), CompressionLevel.Fastest);
        gzip.Write(bytes);
    }

    static float[] Pixels(TorchSharp.torch.Tensor images) => images.data<float>().ToArray();

    static long[] Labels(TorchSharp.torch.Tensor labels) => labels.data<long>().ToArray();

    static void AssertSame(ImageSet expected, ImageSet actual)
    {
        Assert.Equal(Pixels(expected.TrainImages), Pixels(actual.TrainImages));
        Assert.Equal(Labels(expected.TrainLabels), Labels(actual.TrainLabels));
        Assert.Equal(Pixels(expected.TestImages), Pixels(actual.TestImages));
        Assert.Equal(Labels(expected.TestLabels), Labels(actual.TestLabels));
    }

    [Fact]
    public void A_cache_hit_gives_the_same_tensors_as_decoding_and_does_not_read_the_files_again()
    {
        WriteFiles(offset: 0);
        using var decoded = ImageSet.Load(Data, "train", "t10k", TorchFixture.Cpu);
        using var miss = FashionMnistWorkload.Load(Data, TorchFixture.Cpu, Cache);
        Assert.Equal(4, Directory.GetFiles(Path.Combine(Folder, "cache")).Length);

        // Files changed behind the cache's back: a hit still returns what was cached under the (verified) checksum.
        WriteFiles(offset: 1);
        using var hit = FashionMnistWorkload.Load(Data, TorchFixture.Cpu, Cache);

        AssertSame(decoded, miss);
        AssertSame(decoded, hit);
        Assert.Empty(reports);
    }

    [Fact]
    public void A_damaged_cache_file_is_decoded_again_and_rewritten()
    {
        WriteFiles(offset: 0);
        using (FashionMnistWorkload.Load(Data, TorchFixture.Cpu, Cache)) { }
        var key = IdxReader.CacheKey("train-images-idx3-ubyte.gz", FashionMnistWorkload.Dataset.Files[0].Sha256);
        var path = Cache.PathOf(key);
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0xff;
        File.WriteAllBytes(path, bytes);

        WriteFiles(offset: 1);
        using var rebuilt = FashionMnistWorkload.Load(Data, TorchFixture.Cpu, Cache);
        using var decoded = ImageSet.Load(Data, "train", "t10k", TorchFixture.Cpu);

        // The damaged entry was decoded from the current files; the intact ones were still hits (the old files' pixels).
        Assert.Equal(Pixels(decoded.TrainImages), Pixels(rebuilt.TrainImages));
        Assert.NotEqual(Pixels(decoded.TestImages), Pixels(rebuilt.TestImages));
        Assert.Contains(reports, r => r.Contains("damaged", StringComparison.Ordinal) && r.Contains(key, StringComparison.Ordinal));
        Assert.NotNull(Cache.TryRead(key));
    }
}
