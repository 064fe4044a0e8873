namespace Bench.Contracts.Data;

/// <summary>One file of a dataset: its path under the dataset folder, its checksum, and where to download it from.</summary>
/// <param name="Path">Relative to the dataset folder, '/'-separated.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file as stored; empty when only the publisher's MD5 is known.</param>
/// <param name="Url">Canonical public URL, or null when the file cannot be downloaded as is.</param>
public sealed record DatasetFile(string Path, string Sha256, string? Url = null)
{
    /// <summary>The publisher's MD5, used only when <see cref="Sha256"/> is empty (CIFAR-10 publishes nothing else).</summary>
    public string? Md5 { get; init; }

    /// <summary>The checksum to verify: algorithm name and expected digest.</summary>
    public (string Algorithm, string Digest) Checksum => Sha256.Length > 0 ? ("SHA-256", Sha256) : ("MD5", Md5 ?? "");
}
