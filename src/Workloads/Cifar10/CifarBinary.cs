using static TorchSharp.torch;

namespace Bench.Workloads.Cifar10;

/// <summary>
/// Reads CIFAR-10's official binary records: 1 label byte, then 1024 red, 1024 green and 1024 blue
/// bytes of a 32x32 image. Any number of files and records; a file whose length is not a whole number
/// of records is rejected.
/// </summary>
public static class CifarBinary
{
    public const int ImageBytes = 3 * 32 * 32;
    public const int RecordBytes = 1 + ImageBytes;

    /// <summary>Images as uint8 [n, 3, 32, 32] and labels as int64 [n], from the given files in order.</summary>
    public static (Tensor Images, Tensor Labels) Read(IEnumerable<string> files)
    {
        var contents = new List<byte[]>();
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            if (bytes.Length == 0 || bytes.Length % RecordBytes != 0)
                throw new InvalidDataException($"{file} has {bytes.Length} bytes, not a whole number of {RecordBytes}-byte CIFAR-10 records");
            contents.Add(bytes);
        }
        if (contents.Count == 1) return FromRecords(contents[0]);
        var all = new byte[contents.Sum(c => (long)c.Length)];
        long offset = 0;
        foreach (var c in contents)
        {
            c.CopyTo(all, offset);
            offset += c.Length;
        }
        return FromRecords(all);
    }

    /// <summary>Images as uint8 [n, 3, 32, 32] and labels as int64 [n] from records held in memory.</summary>
    public static (Tensor Images, Tensor Labels) FromRecords(byte[] records)
    {
        if (records.Length == 0 || records.Length % RecordBytes != 0)
            throw new InvalidDataException($"{records.Length} bytes are not a whole number of {RecordBytes}-byte CIFAR-10 records");
        var count = records.Length / RecordBytes;
        var pixels = new byte[(long)count * ImageBytes];
        var labels = new long[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = records[i * RecordBytes];
            Array.Copy(records, i * RecordBytes + 1, pixels, (long)i * ImageBytes, ImageBytes);
        }
        return (tensor(pixels, [count, 3, 32, 32]), tensor(labels));
    }
}
