using Bench.Contracts;

namespace Bench.Harness.Training;

/// <summary>
/// One trial to run: (workload, scale, submission, seed) and the submission's resolved hyperparameters (empty: the
/// defaults, resolved by the runner; rows written before hyperparameters were recorded). Hardware comes from the environment.
/// </summary>
public sealed record TrialSpec(string Workload, string Scale, string Submission, int Seed)
{
    /// <summary>The submission's resolved hyperparameters (<see cref="Hyperparameters.None"/>: its defaults).</summary>
    public Hyperparameters Hyperparameters { get; init; } = Hyperparameters.None;

    /// <summary>
    /// The dataset (<c>--dataset</c>) as the workload resolved it: empty for the scale's own dataset, else a known name or a
    /// folder's full path. Trials on other data are other trials: never resumed from, nor pooled with, the default's.
    /// </summary>
    public string Dataset { get; init => field = value ?? ""; } = "";

    /// <summary>The user's target (<c>--target</c>) for a <see cref="Dataset"/> without calibration; null: none (and always for the default data).</summary>
    public double? Target { get; init; }

    /// <summary>Stable key used for file names and resume; trials that differ only in hyperparameters, dataset or user target get their own folder.</summary>
    public string Key =>
        $"{Workload}{DatasetSegment}{(Target is { } target ? "@target-" + target.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "")}" +
        $"/{Scale}/{Submission}{(Hyperparameters.IsEmpty ? "" : $"/hp-{Hyperparameters.Hash}")}/seed-{Seed}";

    /// <summary>A short name of <see cref="Dataset"/> for tables: the name, or a path's folder name.</summary>
    public static string ShortDatasetName(string dataset) =>
        dataset.Contains('/') ? Path.GetFileName(dataset.TrimEnd('/')) : dataset;

    /// <summary>Empty for the default dataset; else "@" and <see cref="DatasetSlug"/>.</summary>
    string DatasetSegment => Dataset.Length == 0 ? "" : "@" + DatasetSlug(Dataset);

    /// <summary>
    /// <paramref name="dataset"/> as a file-name part: the name, or for a path its folder name and a hash of the path (the
    /// hash keeps two folders of one name apart); used for trial keys and calibration files.
    /// </summary>
    public static string DatasetSlug(string dataset)
    {
        var name = new string([.. ShortDatasetName(dataset).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);
        if (!dataset.Contains('/')) return name;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dataset)))[..8];
        return $"{name}-{hash}";
    }

    public override string ToString() =>
        $"{Workload}{(Dataset.Length == 0 ? "" : " (" + ShortDatasetName(Dataset) + ")")} · {Scale} · " +
            $"{Submission}{(Hyperparameters.IsEmpty ? "" : " · hp " + Hyperparameters.Hash)} · seed {Seed}";
}
