using System.ComponentModel;
using System.Diagnostics;
using Bench.Contracts;

namespace Bench.Harness.Orchestration;

/// <summary>
/// The Slurm commands the executor uses (<c>sbatch</c>, <c>scontrol</c>, <c>scancel</c>), run as processes. A tool that
/// is missing or a controller that does not answer is a <see cref="ConfigException"/> naming the fix.
/// </summary>
public sealed class SlurmClient
{
    /// <summary>Longest wait for one Slurm command: its own retries against a down controller take about a minute.</summary>
    static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Runs <paramref name="tool"/>; returns its exit code and output. Missing tool: a ConfigException.</summary>
    public (int ExitCode, string Output, string Error) Run(string tool, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            throw new ConfigException($"'{tool}' was not found on PATH: --executor slurm needs the Slurm client commands (sbatch, scontrol, scancel). " +
                "Run on the cluster's login node (or install slurm-client), or use --executor local.");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(CommandTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new ConfigException($"'{tool}' did not answer within {CommandTimeout.TotalSeconds:0} s: is the Slurm controller up ('scontrol ping')?");
            }
            process.WaitForExit();
            return (process.ExitCode, output.Result, error.Result);
        }
    }

    /// <summary>Stops with a ConfigException unless the tools are installed and the controller answers.</summary>
    public void CheckReachable()
    {
        var (code, output, error) = Run("scontrol", ["ping"]);
        if (code != 0 || !output.Contains("UP", StringComparison.Ordinal))
            throw new ConfigException($"the Slurm controller is not reachable ({OneLine(output + " " + error)}): start it " +
                "(build/slurm/up.sh on a test machine) or check SLURM_CONF, or use --executor local.");
    }

    /// <summary>Submits a batch script; returns the job id. A rejection is a ConfigException passing sbatch's message on.</summary>
    public string Submit(IReadOnlyList<string> arguments)
    {
        var (code, output, error) = Run("sbatch", arguments);
        if (code != 0)
            throw new ConfigException($"sbatch rejected the job array: {OneLine(error.Length > 0 ? error : output)}. Fix the Slurm options " +
                "(--slurm-partition, --slurm-account, --sbatch-args) or use --executor local.");
        // --parsable prints "jobid" or "jobid;cluster".
        var id = output.Trim().Split(';')[0];
        return id.Length > 0 && id.All(char.IsAsciiDigit) ? id
            : throw new ConfigException($"sbatch printed '{OneLine(output)}' where a job id was expected.");
    }

    /// <summary>
    /// The states of job array <paramref name="jobId"/>'s tasks; null when the controller no longer knows the job (its
    /// records age out a few minutes after it ends), so the caller reads the job completion file.
    /// </summary>
    public IReadOnlyList<SlurmTaskState>? Tasks(string jobId)
    {
        var (code, output, error) = Run("scontrol", ["-o", "show", "job", jobId]);
        if (code != 0)
            return error.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase) ? null
                : throw new ConfigException($"scontrol could not read job {jobId}: {OneLine(error)}. Is the Slurm controller up ('scontrol ping')?");
        return SlurmTaskState.Parse(jobId, output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>What the job completion log (<c>JobCompType=jobcomp/filetxt</c>) says about <paramref name="jobId"/>; empty if there is none to read.</summary>
    public IReadOnlyList<SlurmTaskState> Completed(string jobId)
    {
        var (code, output, _) = Run("scontrol", ["show", "config"]);
        if (code != 0) return [];
        string Setting(string name) => output.Split('\n').Select(l => l.Split('=', 2)).Where(p => p.Length == 2 && p[0].Trim() == name).Select(p => p[1].Trim())
            .FirstOrDefault() ?? "";
        var file = Setting("JobCompLoc");
        if (Setting("JobCompType") != "jobcomp/filetxt" || !File.Exists(file)) return [];
        try
        {
            return SlurmTaskState.Parse(jobId, File.ReadLines(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Cancels job array <paramref name="jobId"/>, best effort.</summary>
    public void Cancel(string jobId) => Run("scancel", [jobId]);

    static string OneLine(string text) =>
        string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim();
}
