namespace Bench.Harness;

/// <summary>Finds the Bench checkout (the folder holding <c>Bench.sln</c>) for relative paths and the git commit.</summary>
public static class RepositoryRoot
{
    /// <summary>The nearest ancestor of <paramref name="start"/> (default: current directory) holding Bench.sln, or null.</summary>
    public static string? Find(string? start = null)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("BENCH_ROOT");
        if (!string.IsNullOrWhiteSpace(fromEnvironment) && File.Exists(Path.Combine(fromEnvironment, "Bench.sln")))
            return Path.GetFullPath(fromEnvironment);
        for (var dir = new DirectoryInfo(start ?? Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Bench.sln"))) return dir.FullName;
        return null;
    }
}
