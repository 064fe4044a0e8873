using System.Diagnostics;

namespace Bench.Repro.Launcher;

/// <summary>
/// Finds the Bench checkout above the current directory, rebuilds <c>src/Repro</c> (Release) when any
/// source is newer than the built tool, and runs it with the same arguments and exit code.
/// </summary>
public static class Launcher
{
    static readonly string[] SourcePatterns = ["*.cs", "*.csproj", "*.json", "*.props", "*.targets"];

    public static int Run(string[] args)
    {
        var root = FindRoot();
        if (root is null)
        {
            Console.Error.WriteLine("error: no Bench checkout (a folder with Bench.sln) above the current directory. Run repro inside the " +
                "repository, or set BENCH_ROOT.");
            return 2;
        }
        var tool = Path.Combine(root, "src", "Repro", "bin", "Release", "net10.0", "repro.dll");
        if (NeedsBuild(root, tool))
        {
            Console.Error.WriteLine("repro: building Bench (first run, or sources changed)...");
            var (build, log) = Capture("dotnet", ["build", Path.Combine(root, "src", "Repro", "Bench.Repro.csproj"), "-c", "Release", "-nologo", "-v", "q"],
                root);
            if (build != 0)
            {
                // Build output goes to stderr so the tool's own stdout (csv, json) stays clean.
                Console.Error.WriteLine(log);
                Console.Error.WriteLine($"error: building src/Repro failed (exit {build}); fix the build errors above.");
                return build;
            }
        }
        return Execute("dotnet", [tool, .. args], Directory.GetCurrentDirectory());
    }

    static string? FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("BENCH_ROOT");
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return File.Exists(Path.Combine(fromEnvironment, "Bench.sln")) ? fromEnvironment : null;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Bench.sln"))) return dir.FullName;
        return null;
    }

    /// <summary>True when the tool is missing or older than any source under src/ or the build props.</summary>
    static bool NeedsBuild(string root, string tool)
    {
        if (Environment.GetEnvironmentVariable("BENCH_NO_BUILD") == "1" && File.Exists(tool)) return false;
        if (!File.Exists(tool)) return true;
        var built = File.GetLastWriteTimeUtc(tool);
        var sources = SourcePatterns
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(root, "src"), p, SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Concat(Directory.EnumerateFiles(root, "Directory.*.props"));
        return sources.Any(f => File.GetLastWriteTimeUtc(f) > built);
    }

    static (int ExitCode, string Output) Capture(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo(fileName) { UseShellExecute = false, WorkingDirectory = workingDirectory, RedirectStandardOutput = true,
            RedirectStandardError = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    static int Execute(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo(fileName) { UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.WaitForExit();
        return process.ExitCode;
    }
}
