using System.Diagnostics;

namespace Bench.Repro.Tests.Slurm;

/// <summary>
/// A test against the real Slurm on this machine (build/slurm/up.sh; .ci/run starts it). Skipped, saying why, only when
/// no Slurm controller answers <c>scontrol ping</c>.
/// </summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    static readonly Lazy<string?> Missing = new(Probe);

    public SlurmFactAttribute()
    {
        if (Missing.Value is { } reason) Skip = reason;
    }

    static string? Probe()
    {
        try
        {
            using var ping = Process.Start(new ProcessStartInfo("scontrol", ["ping"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = ping.StandardOutput.ReadToEnd();
            if (!ping.WaitForExit(30_000)) return "scontrol ping did not answer within 30 s; start Slurm with sudo build/slurm/up.sh";
            return ping.ExitCode == 0 && output.Contains("UP", StringComparison.Ordinal) ? null
                : $"no Slurm controller is running ({output.Trim()}); start one with sudo build/slurm/up.sh";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "Slurm is not installed (no scontrol on PATH); sudo build/slurm/up.sh installs and starts a single-node one";
        }
    }
}
