using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bench.Contracts;
using Bench.Harness.Provenance;
using Bench.Harness.Results;
using Bench.Harness.Training;

namespace Bench.Harness.Orchestration;

/// <summary>
/// Runs each trial of a written <see cref="TrialPlan"/> in its own process with a timeout, so a crash, a native abort
/// or a leak cannot take down the suite. <paramref name="command"/> (from the tool above) builds the process's command
/// line for (plan file, index); the child reads everything else from the plan and writes its manifest. A child that
/// dies or times out gets a Crashed / TimedOut row written here instead. What the child writes to standard error is
/// saved as the trial's log. Exit code 2 from the child means bad input and stops the run with the child's message.
/// </summary>
/// <remarks>
/// <see cref="Execute"/> starts the child and waits for it on the calling thread, so that thread outlives the child:
/// a child that asks for a parent-death signal (Linux <c>PR_SET_PDEATHSIG</c> follows the thread that forked it) is
/// only killed when this process is gone.
/// </remarks>
public sealed class ChildProcessExecutor(
    Func<string, int, ChildCommandLine> command,
    TrialPlan plan,
    string planFile,
    ResultsStore store,
    EnvironmentFingerprint environment,
    Func<TrialSpec, TimeSpan> timeout,
    Func<TrialSpec, string> paperOf,
    Func<TrialSpec, EnvironmentFingerprint>? environmentOf = null) : ITrialExecutor
{
    /// <summary>Prefix of the progress lines a child writes to standard output.</summary>
    public const string ProgressPrefix = "@@progress ";

    public TrialRecord Execute(TrialSpec spec, Action<TrialProgress> onProgress)
    {
        var started = DateTime.UtcNow;
        var loadAtStart = LoadAverage.Read();
        var line = command(planFile, plan.IndexOf(spec));
        var info = new ProcessStartInfo(line.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in line.Arguments) info.ArgumentList.Add(argument);

        var errors = new StringBuilder();
        using var child = Process.Start(info) ?? throw new InvalidOperationException($"could not start {line.FileName}");
        child.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } text && text.StartsWith(ProgressPrefix, StringComparison.Ordinal)) onProgress(ParseProgress(text));
        };
        child.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (errors) errors.AppendLine(e.Data);
        };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();

        var limit = timeout(spec);
        if (!child.WaitForExit(limit))
        {
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            return Fail(spec, TrialStatus.TimedOut, $"killed after the {limit.TotalSeconds:0} s trial timeout", started, loadAtStart);
        }
        child.WaitForExit(); // drains the output handlers

        var stderr = errors.ToString().Trim();
        // Methods report what they chose (a probed peak rate, per-stage rates) on stderr: keep it with the trial.
        if (stderr.Length > 0) store.SaveLog(spec, stderr);
        // The child printed one "error: ..." line naming cause and fix; pass it on unchanged.
        if (child.ExitCode == ConfigException.ExitCode)
            throw new ConfigException(LastLines(stderr, 5).Replace("error: ", "", StringComparison.Ordinal) + $" (in the trial {spec})");
        if (child.ExitCode != 0)
            return Fail(spec, TrialStatus.Crashed, DescribeExit(child.ExitCode) + (stderr.Length > 0 ? ": " + Cause(stderr) : ""), started, loadAtStart);

        return store.ReadManifest(spec)?.Record
            ?? Fail(spec, TrialStatus.Crashed, "the trial process exited cleanly but left no manifest", started, loadAtStart);
    }

    TrialRecord Fail(TrialSpec spec, TrialStatus status, string error, DateTime started, LoadAverage? loadAtStart)
    {
        // The trial's own environment where the tool knows it (its workload's thread count), so its row has the trial's machine id.
        var trialEnvironment = environmentOf?.Invoke(spec) ?? environment;
        var record = TrialRecord.Failed(spec, paperOf(spec), status, error, started).WithEnvironment(trialEnvironment).WithPlacement(TrialPlacement.Current());
        var manifest = new TrialManifest(record, plan.Options.ForTrial(spec.Workload, spec.Submission, spec.Seed), trialEnvironment)
        {
            LoadAtStart = loadAtStart,
            LoadAtEnd = LoadAverage.Read(),
        };
        store.SaveTrial(manifest, []);
        return record;
    }

    /// <summary>
    /// An exit code in words: on Unix a process killed by signal N exits with 128 + N, and the usual ones have
    /// usual causes (9: the out-of-memory killer or a kill by hand; 6: an unhandled .NET exception or a native abort).
    /// </summary>
    public static string DescribeExit(int code)
    {
        if (code is <= 128 or > 128 + 64 || OperatingSystem.IsWindows()) return $"exit {code}";
        var signal = code - 128;
        var (name, cause) = signal switch
        {
            2 => ("SIGINT", "interrupted"),
            6 => ("SIGABRT", "an unhandled exception or a native abort"),
            7 => ("SIGBUS", "a native crash"),
            9 => ("SIGKILL", "out of memory, or killed by hand"),
            11 => ("SIGSEGV", "a native crash"),
            15 => ("SIGTERM", "stopped from outside"),
            _ => ($"signal {signal}", ""),
        };
        return $"exit {code}, killed by {name}" + (cause.Length > 0 ? $" ({cause})" : "");
    }

    /// <summary>The line of a child's stderr that says why it died: .NET's "Unhandled exception" line, else the last lines.</summary>
    static string Cause(string stderr) =>
        stderr.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Unhandled exception", StringComparison.Ordinal)) is { } unhandled
            ? unhandled
            : LastLines(stderr, 3);

    static TrialProgress ParseProgress(string line)
    {
        var rest = line[ProgressPrefix.Length..];
        var space = rest.IndexOf(' ');
        var fraction = double.TryParse(space < 0 ? rest : rest[..space], NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : 0;
        return new TrialProgress(fraction, space < 0 ? "" : rest[(space + 1)..]);
    }

    /// <summary>The format a child writes, read back by <see cref="ParseProgress"/>.</summary>
    public static string FormatProgress(TrialProgress progress) =>
        ProgressPrefix + progress.Fraction.ToString("0.000", CultureInfo.InvariantCulture) + " " + progress.Message;

    static string LastLines(string text, int count) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(count).Select(l => l.Trim()));
}
