using Bench.Contracts;
using Bench.Contracts.Data;

namespace Bench.Workloads.Common;

/// <summary>
/// A dataset the user points <c>--dataset</c> at: a folder in a workload's documented layout. Its files have no pinned
/// checksums; their SHA-256 go into the trial manifest instead, and a missing file or a malformed line is the user's to
/// fix (a <see cref="ConfigException"/> naming the file and line), never a crash.
/// </summary>
public static class UserDataset
{
    /// <summary>True when <paramref name="dataset"/> is a folder path rather than a known name (the options loader made it absolute).</summary>
    public static bool IsPath(string dataset) => dataset.Contains('/');

    /// <summary>The full path of <paramref name="folder"/> after checking that it holds every one of <paramref name="required"/>.</summary>
    public static string Folder(string workload, string folder, string layout, params string[] required)
    {
        if (!Directory.Exists(folder))
            throw new ConfigException($"--dataset {ConfigException.Echo(folder)}: no such folder. Give a known name or a folder holding {layout}.");
        var missing = required.Where(f => !File.Exists(Path.Combine(folder, f))).ToList();
        if (missing.Count > 0)
            throw new ConfigException($"--dataset {folder}: {string.Join(", ", missing.Select(f => Path.Combine(folder, f)))} missing; " +
                $"{workload} reads {layout}.");
        return Path.GetFullPath(folder);
    }

    /// <summary>Runs <paramref name="read"/>; a malformed file (its message names the file and line) becomes a <see cref="ConfigException"/>.</summary>
    public static T Read<T>(string folder, string layout, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException e)
        {
            throw new ConfigException($"--dataset {folder}: {e.Message}. Fix the line; the layout is {layout}.");
        }
    }

    /// <summary>For the manifest: the folder and each present file's SHA-256.</summary>
    public static string Describe(string folder, params string[] files) =>
        $"user folder {folder}: " + string.Join(", ", files.Where(f => File.Exists(Path.Combine(folder, f)))
            .Select(f => $"{f} SHA-256 {DatasetStore.Digest(Path.Combine(folder, f))}"));
}
