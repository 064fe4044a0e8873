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
        var pixels = new List<byte>();
        var labels = new List<long>();
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            if (bytes.Length == 0 || bytes.Length % RecordBytes != 0)
                throw new InvalidDataException($"{file} has {bytes.Length} bytes, not a whole number of {RecordBytes}-byte CIFAR-10 records");
            for (var offset = 0; offset < bytes.Length; offset += RecordBytes)
            {
                labels.Add(bytes[offset]);
                pixels.AddRange(new ArraySegment<byte>(bytes, offset + 1, ImageBytes));
            }
        }
        return (tensor(pixels.ToArray(), [labels.Count, 3, 32, 32]), tensor(labels.ToArray()));
    }
}
