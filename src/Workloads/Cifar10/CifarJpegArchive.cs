using System.Formats.Tar;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Bench.Contracts;

namespace Bench.Workloads.Cifar10;

/// <summary>
/// Reads a CIFAR-10 split stored as JPEG files in a gzip-compressed tar archive (<c>&lt;split&gt;/&lt;class&gt;/NNNN.jpg</c>,
/// the layout of <c>cifar10-jpeg/</c>) without extracting it, and decodes it to CIFAR-10's binary records
/// (<see cref="CifarBinary"/>). The label is the class folder's position in <see cref="Classes"/>.
/// </summary>
/// <remarks>
/// Images are decoded in archive order, then put in a fixed order that does not depend on the archive's entry
/// order: the canonical (class, file number) order, interleaved class by class (the first image of each class,
/// then the second of each, ...). Every prefix and every tail of the split is then class-balanced, which matters
/// because the harness takes prefixes and tails: a scale's first N images, airbench's whitening images, a
/// held-out tail. A bad archive or image is a <see cref="ConfigException"/> naming the archive and the entry.
/// </remarks>
public static partial class CifarJpegArchive
{
    /// <summary>CIFAR-10's classes in the official label order (<c>batches.meta.txt</c>).</summary>
    public static IReadOnlyList<string> Classes { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>The records (label byte + 3072 pixel bytes each) of every image in <paramref name="archive"/>, in the fixed order.</summary>
    /// <param name="archive">Path of the <c>.tar.gz</c>.</param>
    /// <param name="split">The top folder every entry must be under (<c>train</c> or <c>test</c>).</param>
    public static byte[] ReadRecords(string archive, string split)
    {
        var ordered = ReadEntries(archive, split);
        var records = new byte[ordered.Count * CifarBinary.RecordBytes];
        for (var i = 0; i < ordered.Count; i++)
        {
            var offset = i * CifarBinary.RecordBytes;
            records[offset] = (byte)ordered[i].Label;
            if (SkiaJpegDecoder.TryDecode(ordered[i].Jpeg, records.AsSpan(offset + 1, CifarBinary.ImageBytes)) is { } problem)
                throw Bad(archive, ordered[i].Name, $"is not a decodable 32x32 JPEG: {problem}");
        }
        return records;
    }

    /// <summary>
    /// The JPEG files of <paramref name="archive"/> as stored (not decoded), with their labels, in the same fixed order as
    /// <see cref="ReadRecords"/>: for a loader that decodes each image when it needs it.
    /// </summary>
    public static IReadOnlyList<(int Label, byte[] Jpeg)> ReadFiles(string archive, string split) =>
        [.. ReadEntries(archive, split).Select(e => (e.Label, e.Jpeg))];

    static List<(int Label, int Number, string Name, byte[] Jpeg)> ReadEntries(string archive, string split)
    {
        var images = new List<(int Label, int Number, string Name, byte[] Jpeg)>();
        var seen = new HashSet<(int, int)>();
        string? entryName = null, lastEntry = null;
        try
        {
            using var file = File.OpenRead(archive);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using (var tar = new TarReader(gzip, leaveOpen: true))
            {
                while (tar.GetNextEntry() is { } entry)
                {
                    entryName = lastEntry = entry.Name;
                    // git archive writes a pax global header (the commit id) and directory entries: not images.
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
                    var (label, number) = Parse(archive, split, entry.Name);
                    if (!seen.Add((label, number)))
                        throw Bad(archive, entry.Name, "appears twice");
                    var jpeg = new byte[entry.Length];
                    entry.DataStream?.ReadExactly(jpeg);
                    images.Add((label, number, entry.Name, jpeg));
                }
            }
            entryName = null;
            // The tar's end marker can come before the gzip trailer: read to the end so its CRC and length are checked.
            gzip.CopyTo(Stream.Null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException)
        {
            var where = entryName is not null ? $" at entry '{entryName}'" : lastEntry is not null ? $" after entry '{lastEntry}'" : "";
            throw new ConfigException(
                $"{archive} is corrupt or truncated{where} ({e.Message}). Replace it with an intact copy " +
                "(the SHA-256 of each archive is in the SOURCE.md beside it).");
        }
        if (images.Count == 0)
            throw new ConfigException($"{archive} holds no '{split}/<class>/NNNN.jpg' images. Replace it with the original archive (see " +
                "the SOURCE.md beside it).");

        return images
            .GroupBy(i => i.Label)
            .SelectMany(g => g.OrderBy(i => i.Number).Select((image, rank) => (Rank: rank, Image: image)))
            .OrderBy(x => x.Rank).ThenBy(x => x.Image.Label)
            .Select(x => x.Image)
            .ToList();
    }

    static (int Label, int Number) Parse(string archive, string split, string name)
    {
        var match = EntryPattern().Match(name);
        if (!match.Success || match.Groups["split"].Value != split)
            throw Bad(archive, name, $"is not a '{split}/<class>/NNNN.jpg' image");
        var label = Classes.ToList().IndexOf(match.Groups["class"].Value);
        if (label < 0)
            throw Bad(archive, name, $"is in an unknown class folder (the classes are: {string.Join(", ", Classes)})");
        return (label, int.Parse(match.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    static ConfigException Bad(string archive, string entry, string problem) => new(
        $"{archive}: entry '{entry}' {problem}. Replace the archive with an intact copy (the SHA-256 of each archive is in the SOURCE.md beside it).");

    [GeneratedRegex(@"^(\./)?(?<split>[^/]+)/(?<class>[^/]+)/(?<number>[0-9]{1,9})\.jpg$")]
    private static partial Regex EntryPattern();
}
