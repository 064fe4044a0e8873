using System.Runtime.InteropServices;
using TorchSharp;

namespace Bench.Contracts.Torch;

/// <summary>
/// Makes TorchSharp-cpu 0.107.0 load on distributions whose libstdc++ is older than the one it was
/// linked against. <c>libLibTorchSharp.so</c> needs GLIBCXX_3.4.32 (GCC 13) for a single symbol it
/// never calls (<c>std::ios_base_library_init()</c>); Debian 12 ships 3.4.30, so dlopen fails and
/// TorchSharp reports a misleading "doesn't contain a reference to libtorch-cpu-linux-x64".
/// Marking exactly the GLIBCXX versions the loaded libstdc++ lacks as weak lets the library load.
/// Machines whose libstdc++ has them see no change: nothing is rewritten there.
/// </summary>
public static class NativeLoadFix
{
    static readonly object Gate = new();
    static IReadOnlyList<string>? applied;

    /// <summary>
    /// Patches the <c>libLibTorchSharp.so</c> files TorchSharp will load, once per process, before
    /// the first tensor is made. Returns the versions that were marked weak (empty when none was needed).
    /// </summary>
    public static IReadOnlyList<string> Apply()
    {
        lock (Gate)
        {
            if (applied is not null) return applied;
            applied = OperatingSystem.IsLinux() ? PatchAll() : [];
            return applied;
        }
    }

    static IReadOnlyList<string> PatchAll()
    {
        var libstdcxx = LoadedLibStdCxxPath();
        if (libstdcxx is null) return [];
        var available = ElfVersionNeeds.ReadDefinitions(File.ReadAllBytes(libstdcxx));
        var weakened = new List<string>();
        foreach (var library in CandidateLibraries())
            weakened.AddRange(Patch(library, available));
        return weakened.Distinct().ToList();
    }

    /// <summary>Marks the libstdc++ versions missing from <paramref name="available"/> weak; writes atomically.</summary>
    public static IReadOnlyList<string> Patch(string library, IReadOnlySet<string> available)
    {
        var bytes = File.ReadAllBytes(library);
        var missing = ElfVersionNeeds.ReadNeeds(bytes)
            .Where(n => !n.Weak && n.Library.StartsWith("libstdc++", StringComparison.Ordinal) && !available.Contains(n.Version))
            .ToList();
        if (missing.Count == 0) return [];
        foreach (var need in missing) ElfVersionNeeds.MarkWeak(bytes, need);

        // Write beside and rename: other processes may have the old file mapped, and the output
        // file may be a hard link into the NuGet cache, which must stay untouched.
        var temp = $"{library}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, library, overwrite: true);
        return missing.Select(n => n.Version).ToList();
    }

    /// <summary>Where TorchSharp looks for its native library: beside TorchSharp.dll, then in runtimes/.</summary>
    static IEnumerable<string> CandidateLibraries()
    {
        var managed = Path.GetDirectoryName(typeof(torch).Assembly.Location);
        if (string.IsNullOrEmpty(managed)) yield break;
        string[] folders =
        [
            managed,
            Path.Combine(managed, "runtimes", "linux-x64", "native"),
            Path.Combine(managed, "cpu"),
            // TorchSharp.dll loaded straight from the NuGet cache (lib/net8.0): natives sit two levels up.
            Path.GetFullPath(Path.Combine(managed, "..", "..", "runtimes", "linux-x64", "native")),
        ];
        foreach (var folder in folders.Distinct())
        {
            var path = Path.Combine(folder, "libLibTorchSharp.so");
            if (File.Exists(path)) yield return path;
        }
    }

    /// <summary>The libstdc++ this process links: the dynamic loader will bind against that one.</summary>
    static string? LoadedLibStdCxxPath()
    {
        NativeLibrary.TryLoad("libstdc++.so.6", out _);
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return null;
        return File.ReadLines(maps)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length >= 6 && parts[5].Contains("libstdc++.so", StringComparison.Ordinal))
            .Select(parts => parts[5])
            .FirstOrDefault(File.Exists);
    }
}
