// Every path the build script uses, in one place.
public static class Paths
{
    public const string Solution = "Bench.sln";
    public const string Launcher = "src/Repro.Launcher/Bench.Repro.Launcher.csproj";
    public const string Micro = "src/Micro/Bench.Micro.csproj";
    public const string TestResults = "artifacts/test-results";

    public static string ReproDll(string configuration) => $"src/Repro/bin/{configuration}/net10.0/repro.dll";
}
