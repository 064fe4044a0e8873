namespace Bench.Repro.Execution;

/// <summary>How to start another copy of this tool for a trial: <c>dotnet &lt;dir&gt;/repro.dll</c>.</summary>
public static class SelfLauncher
{
    /// <summary>The host and the arguments that come before the verb.</summary>
    public static (string FileName, IReadOnlyList<string> Prefix) Command()
    {
        // Works from the apphost, from `dotnet repro.dll` and from a test host alike.
        var process = Environment.ProcessPath;
        var host = process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? process
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return (host, [typeof(SelfLauncher).Assembly.Location]);
    }
}
