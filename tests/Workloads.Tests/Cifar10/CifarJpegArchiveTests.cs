using System.Formats.Tar;
using System.IO.Compression;
using Bench.Contracts;
using Bench.Tests.Shared;
using Bench.Workloads.Cifar10;

namespace Bench.Workloads.Tests.Cifar10;

public sealed class CifarJpegArchiveTests : TempFolderTests
{
    static string JpegFolder => Path.Combine(TestData.Root, "cifar10-jpeg");
    static string TrainArchive => Path.Combine(JpegFolder, "cifar10-train-jpeg.tar.gz");
    static string TestArchive => Path.Combine(JpegFolder, "cifar10-test-jpeg.tar.gz");

    // Decoding a whole split takes about a second; the tests that need it share one decode per split.
    static readonly Lazy<byte[]> Train = new(() => CifarJpegArchive.ReadRecords(TrainArchive, "train"));
    static readonly Lazy<byte[]> Test = new(() => CifarJpegArchive.ReadRecords(TestArchive, "test"));

    static byte[] Records(string split) => split == "train" ? Train.Value : Test.Value;

    /// <summary>Entries of the real test archive, by name: the JPEG bytes as the source stores them.</summary>
    static readonly Lazy<Dictionary<string, byte[]>> RealTestEntries = new(() =>
    {
        var entries = new Dictionary<string, byte[]>();
        using var gzip = new GZipStream(File.OpenRead(TestArchive), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            var wanted = entry.Name.EndsWith("/0000.jpg", StringComparison.Ordinal) || entry.Name.EndsWith("/0001.jpg", StringComparison.Ordinal);
            if (entry.EntryType != TarEntryType.RegularFile || !wanted) continue;
            var bytes = new byte[entry.Length];
            entry.DataStream!.ReadExactly(bytes);
            entries[entry.Name] = bytes;
        }
        return entries;
    });

    static byte[] Real(string name) => RealTestEntries.Value[name];

    string WriteArchive(string name, IEnumerable<(string Entry, byte[] Bytes)> entries)
    {
        var path = Path.Combine(Folder, name);
        using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Ustar);
        foreach (var (entry, bytes) in entries)
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, entry) { DataStream = new MemoryStream(bytes) });
        return path;
    }

    static int Label(byte[] records, int index) => records[index * CifarBinary.RecordBytes];

    [Theory]
    [InlineData("train")]
    [InlineData("test")]
    public void Decoding_gives_the_subsets_pixels(string split)
    {
        // The subset's .bin files hold the same JPEGs decoded by Pillow 9.4.0 / libjpeg-turbo 2.1.5; its index names the source file.
        var subset = File.ReadAllBytes(Path.Combine(TestData.Root, "cifar10-jpeg-subset", $"{split}.bin"));
        var index = File.ReadAllLines(Path.Combine(TestData.Root, "cifar10-jpeg-subset", $"{split}_index.tsv")).Skip(1).ToList();
        var records = Records(split);
        var maxDifference = 0;
        for (var k = 0; k < index.Count; k++)
        {
            var fields = index[k].Split('\t');
            var label = CifarJpegArchive.Classes.ToList().IndexOf(fields[2]);
            var number = int.Parse(Path.GetFileNameWithoutExtension(fields[3]), System.Globalization.CultureInfo.InvariantCulture);
            // Interleaved order: file number n of class c is record 10 n + c.
            var ours = records.AsSpan((number * 10 + label) * CifarBinary.RecordBytes, CifarBinary.RecordBytes);
            var theirs = subset.AsSpan(k * CifarBinary.RecordBytes, CifarBinary.RecordBytes);
            Assert.Equal(theirs[0], ours[0]);
            for (var i = 1; i < CifarBinary.RecordBytes; i++) maxDifference = Math.Max(maxDifference, Math.Abs(ours[i] - theirs[i]));
        }
        // Two baseline-JPEG decoders may differ by IDCT rounding; SkiaSharp 3.119.0 measured 0 here.
        Assert.InRange(maxDifference, 0, 3);
    }

    [Theory]
    [InlineData("train", 5000)]
    [InlineData("test", 1000)]
    public void Every_class_has_its_full_count_and_every_prefix_is_balanced(string split, int perClass)
    {
        var records = Records(split);
        var count = records.Length / CifarBinary.RecordBytes;
        Assert.Equal(10 * perClass, count);
        var counts = new int[10];
        for (var i = 0; i < count; i++) counts[Label(records, i)]++;
        Assert.All(counts, c => Assert.Equal(perClass, c));
        // The classes are interleaved: airbench's first 5,000 whitening images and any held-out tail hold every class.
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i % 10), Enumerable.Range(0, 20).Select(i => Label(records, i)));
    }

    [Fact]
    public void The_order_does_not_depend_on_the_archives_entry_order()
    {
        var entries = new[] { "test/truck/0001.jpg", "test/airplane/0000.jpg", "test/truck/0000.jpg", "test/cat/0001.jpg", "test/airplane/0001.jpg",
            "test/cat/0000.jpg" }
            .Select(name => (name, Real(name))).ToList();
        var shuffled = CifarJpegArchive.ReadRecords(WriteArchive("shuffled.tar.gz", entries), "test");
        var sorted = CifarJpegArchive.ReadRecords(WriteArchive("sorted.tar.gz", entries.OrderBy(e => e.name, StringComparer.Ordinal)), "test");

        Assert.Equal(sorted, shuffled);
        // Rank within class, then class: airplane 0000, cat 0000, truck 0000, airplane 0001, ...
        Assert.Equal([0, 3, 9, 0, 3, 9], Enumerable.Range(0, 6).Select(i => Label(shuffled, i)));
        Assert.Equal(Test.Value.AsSpan(0, CifarBinary.RecordBytes).ToArray(), shuffled[..CifarBinary.RecordBytes]);
    }

    [Theory]
    [InlineData("truncated JPEG")]
    [InlineData("not a JPEG")]
    public void An_undecodable_image_names_the_archive_and_the_entry(string damage)
    {
        var good = Real("test/cat/0001.jpg");
        var broken = damage == "truncated JPEG" ? good[..(good.Length / 2)] : "this is not an image"u8.ToArray();
        var archive = WriteArchive("broken.tar.gz", [("test/airplane/0000.jpg", Real("test/airplane/0000.jpg")), ("test/cat/0001.jpg", broken),
            ("test/cat/0000.jpg", Real("test/cat/0000.jpg"))]);

        var error = Assert.Throws<ConfigException>(() => CifarJpegArchive.ReadRecords(archive, "test"));

        Assert.Contains($"{archive}: entry 'test/cat/0001.jpg' is not a decodable 32x32 JPEG", error.Message);
        Assert.Contains("Replace the archive with an intact copy", error.Message);
    }

    [Fact]
    public void A_truncated_archive_names_the_archive_and_the_entry_it_stopped_in()
    {
        var truncated = Path.Combine(Folder, "cifar10-test-jpeg.tar.gz");
        var bytes = File.ReadAllBytes(TestArchive);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<ConfigException>(() => CifarJpegArchive.ReadRecords(truncated, "test"));

        Assert.Contains($"{truncated} is corrupt or truncated at entry 'test/", error.Message);
        Assert.Contains("Replace it with an intact copy", error.Message);
    }

    [Fact]
    public void A_damaged_byte_in_the_compressed_data_is_caught_even_when_every_entry_still_reads()
    {
        // Measured: after this flip every entry still reads and every JPEG decodes; only the
        // gzip trailer's CRC, checked by reading on past the tar's end marker, catches it.
        var damaged = Path.Combine(Folder, "cifar10-test-jpeg.tar.gz");
        var bytes = File.ReadAllBytes(TestArchive);
        bytes[bytes.Length / 2] ^= 0x55;
        File.WriteAllBytes(damaged, bytes);

        var error = Assert.Throws<ConfigException>(() => CifarJpegArchive.ReadRecords(damaged, "test"));

        Assert.Contains($"{damaged} is corrupt or truncated after entry 'test/truck/0999.jpg'", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_gzip_is_named()
    {
        var path = Path.Combine(Folder, "plain.tar.gz");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 + 7))]);

        var error = Assert.Throws<ConfigException>(() => CifarJpegArchive.ReadRecords(path, "test"));

        Assert.Contains($"{path} is corrupt or truncated", error.Message);
    }

    [Fact]
    public void A_gzip_file_that_is_not_a_tar_is_named()
    {
        var path = Path.Combine(Folder, "notar.tar.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gzip.Write([.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 + 7))]);

        var error = Assert.Throws<ConfigException>(() => CifarJpegArchive.ReadRecords(path, "test"));

        Assert.Contains($"{path} is corrupt or truncated", error.Message);
    }

    [Theory]
    [InlineData("test/unicorn/0000.jpg", "is in an unknown class folder")]
    [InlineData("train/cat/0000.jpg", "is not a 'test/<class>/NNNN.jpg' image")]
    [InlineData("test/cat/readme.txt", "is not a 'test/<class>/NNNN.jpg' image")]
    public void An_entry_outside_the_layout_is_named(string entry, string problem)
    {
        var archive = WriteArchive("odd.tar.gz", [("test/cat/0000.jpg", Real("test/cat/0000.jpg")), (entry, Real("test/cat/0001.jpg"))]);

        var error = Assert.Throws<ConfigException>(() => CifarJpegArchive.ReadRecords(archive, "test"));

        Assert.Contains($"entry '{entry}' {problem}", error.Message);
    }

    [Fact]
    public void A_duplicated_image_is_named()
    {
        var archive = WriteArchive("twice.tar.gz", [("test/cat/0000.jpg", Real("test/cat/0000.jpg")), ("./test/cat/0000.jpg", Real("test/cat/0000.jpg"))]);

        var error = Assert.Throws<ConfigException>(() => CifarJpegArchive.ReadRecords(archive, "test"));

        Assert.Contains("entry './test/cat/0000.jpg' appears twice", error.Message);
    }
}
