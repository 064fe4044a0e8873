namespace Bench.Harness.Data;

/// <summary>One file of a dataset: its path under the dataset folder, SHA-256, and where to download it from.</summary>
/// <param name="Path">Relative to the dataset folder, '/'-separated.</param>
/// <param name="Sha256">Lower-case hex digest of the file as stored.</param>
/// <param name="Url">Canonical public URL, or null when the file cannot be downloaded as is.</param>
public sealed record DatasetFile(string Path, string Sha256, string? Url = null);
