// The timing gate's base build: a clean export of a git ref (git archive, so no worktree is registered)
// built once into artifacts/gate-base/<sha>/ and reused while that ref does not move.

/// Builds `src/Repro` of <paramref name="gitRef"/> (Release) and returns the absolute path of its repro.dll.
string BuildBase(string gitRef)
{
    var exit = StartProcess("git", new ProcessSettings { Arguments = $"rev-parse --short=12 {gitRef}^{{commit}}", RedirectStandardOutput = true }, out var lines);
    if (exit != 0) throw new Exception($"unknown git ref '{gitRef}' for --base-ref");
    var sha = lines.First().Trim();
    var folder = MakeAbsolute(Directory($"artifacts/gate-base/{sha}")).FullPath;
    var dll = $"{folder}/{Paths.ReproDll("Release")}";
    if (FileExists(dll)) return dll;

    CleanDirectory(folder);
    if (StartProcess("bash", new ProcessSettings { Arguments = $"-c \"git archive {sha} | tar -x -C '{folder}'\"" }) != 0)
        throw new Exception($"could not export {gitRef} ({sha}) into {folder}");
    DotNetBuild($"{folder}/src/Repro/Bench.Repro.csproj", new DotNetBuildSettings { Configuration = "Release", NoLogo = true });
    return dll;
}
