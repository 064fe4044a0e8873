namespace Bench.Contracts.Data;

/// <summary>
/// A dataset a workload reads: a folder under the data root, its files with checksums, and a note
/// on where the files come from (shown when they are missing). Alternatives are other accepted
/// layouts of the same data (e.g. the full CIFAR-10 batches or the CI subset).
/// </summary>
public sealed record DatasetSpec(string Name, string Folder, IReadOnlyList<DatasetFile> Files, string Source)
{
    /// <summary>Other layouts, tried in order when this one's files are not all present.</summary>
    public IReadOnlyList<DatasetSpec> Alternatives { get; init; } = [];
}
