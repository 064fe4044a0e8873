using System.Security.Cryptography;
using System.Text;
using Bench.Contracts.Data;
using Bench.Harness.Training;

namespace Bench.Repro.Calibration;

/// <summary>The calibration files of one results folder (<c>calibrations/</c>), found by workload, scale and dataset.</summary>
public sealed class CalibrationStore(string results)
{
    /// <summary>Where the files live.</summary>
    public string Folder { get; } = Path.Combine(Path.GetFullPath(results), "calibrations");

    /// <summary>The file of (<paramref name="workload"/>, <paramref name="scale"/>, <paramref name="dataset"/>); "own" names the scale's own data.</summary>
    public string PathFor(string workload, string scale, string dataset) =>
        Path.Combine(Folder, $"{workload}-{scale}-{(dataset.Length == 0 ? "own" : TrialSpec.DatasetSlug(dataset))}.json");

    /// <summary>
    /// What identifies the content of <paramref name="dataset"/> (as a workload resolved it). A known name's files have pinned
    /// checksums, so the name does; a folder's is the SHA-256 of its files' names and SHA-256, so any change to the folder
    /// (a file edited, added or removed) makes it other data.
    /// </summary>
    public static string Checksum(string dataset)
    {
        if (dataset.Length == 0) return "pinned (the scale's own data)";
        if (!dataset.Contains('/')) return $"pinned ({dataset})";
        var lines = Directory.EnumerateFiles(dataset).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetFileName(f)}\t{DatasetStore.Digest(f)}\n");
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(lines))));
    }

    /// <summary>
    /// The calibration a run of (<paramref name="workload"/>, <paramref name="scale"/>, <paramref name="dataset"/>) may use, or
    /// null with, when a file exists but is for other data, the reason it is not used.
    /// </summary>
    public (DatasetCalibration? Calibration, string Path, string? NotUsed) Find(string workload, string scale, string dataset)
    {
        var path = PathFor(workload, scale, dataset);
        if (!File.Exists(path)) return (null, path, null);
        var calibration = DatasetCalibration.Read(path);
        if (calibration.Workload != workload || calibration.Scale != scale || calibration.Dataset != dataset)
            return (null, path, $"calibration {path} is for {calibration.Workload} at scale {calibration.Scale} on " +
                $"{(calibration.Dataset.Length == 0 ? "its own data" : calibration.Dataset)}: not used");
        if (calibration.DatasetChecksum != Checksum(dataset))
            return (null, path, $"calibration {path} is of other contents of this folder: not used");
        return (calibration, path, null);
    }
}
