using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using TorchSharp;

namespace Bench.Harness.Provenance;

/// <summary>
/// Where and with what a trial ran. Every result row carries it, so a number can always be traced
/// to its hardware, thread count and library versions.
/// </summary>
public sealed record EnvironmentFingerprint(
    string Cpu,
    int LogicalCores,
    int Threads,
    string Device,
    string Gpu,
    string Os,
    string DotNet,
    string TorchSharp,
    string LibTorch,
    string GitCommit)
{
    /// <summary>Short hash of what makes timings comparable: CPU, cores, threads, device, GPU.</summary>
    public string MachineId
    {
        get
        {
            var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{Cpu}|{LogicalCores}|{Threads}|{Device}|{Gpu}"));
            return Convert.ToHexString(bytes, 0, 4).ToLowerInvariant();
        }
    }

    /// <summary>
    /// The fingerprint of a process on this machine that runs <paramref name="threads"/> intra-op threads (0: libtorch's
    /// default, taken to be this process's count, so capture it before setting any).
    /// </summary>
    public EnvironmentFingerprint WithThreads(int threads) => threads > 0 ? this with { Threads = threads } : this;

    /// <summary>Reads the fingerprint of this process. Call after <see cref="Torch.TorchSetup.Initialize"/>.</summary>
    public static EnvironmentFingerprint Capture(string device, string? repositoryRoot) => new(
        Cpu: CpuModel(),
        LogicalCores: System.Environment.ProcessorCount,
        Threads: torch.get_num_threads(),
        Device: device,
        Gpu: device.StartsWith("cuda", StringComparison.Ordinal) && torch.cuda.is_available() ? $"cuda x{torch.cuda.device_count()}" : "none",
        Os: RuntimeInformation.OSDescription,
        DotNet: RuntimeInformation.FrameworkDescription,
        TorchSharp: typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown",
        LibTorch: torch.__version__,
        GitCommit: ReadGitCommit(repositoryRoot));

    static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (File.Exists(cpuinfo))
        {
            var line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null) return line[(line.IndexOf(':') + 1)..].Trim();
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    /// <summary>HEAD of the repository, with "+dirty" when the work tree has changes; "unknown" outside git.</summary>
    static string ReadGitCommit(string? root)
    {
        var fromEnvironment = System.Environment.GetEnvironmentVariable("BENCH_GIT_COMMIT");
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return fromEnvironment;
        if (root is null) return "unknown";
        var head = Git(root, "rev-parse --short=12 HEAD");
        if (head is null) return "unknown";
        var dirty = Git(root, "status --porcelain --untracked-files=no");
        return string.IsNullOrEmpty(dirty) ? head : head + "+dirty";
    }

    static string? Git(string root, string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", $"-C \"{root}\" {arguments}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (git is null) return null;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git not installed
        }
    }
}
