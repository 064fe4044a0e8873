using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bench.Harness.Configuration;
using Bench.Harness.Provenance;
using Bench.Harness.Results;
using Bench.Harness.Training;

namespace Bench.Harness.Orchestration;

/// <summary>
/// Runs each trial as <c>repro trial …</c> in its own process with a timeout, so a crash, a native
/// abort or a leak cannot take down the suite. The child writes its manifest; a child that dies or
/// times out gets a Crashed / TimedOut row written here instead. What the child writes to standard error is
/// saved as the trial's log. Exit code 2 from the child means
/// bad input and stops the run with the child's message.
/// </summary>
public sealed class ChildProcessExecutor(
    string fileName,
    IReadOnlyList<string> argumentPrefix,
    IReadOnlyList<string> sharedArguments,
    ResultsStore store,
    EnvironmentFingerprint environment,
    BenchOptions options,
    Func<TrialSpec, TimeSpan> timeout,
    Func<TrialSpec, string> paperOf) : ITrialExecutor
{
    /// <summary>Prefix of the progress lines a child writes to standard output.</summary>
    public const string ProgressPrefix = "@@progress ";

    public TrialRecord Execute(TrialSpec spec, Action<TrialProgress> onProgress)
    {
        var started = DateTime.UtcNow;
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in argumentPrefix) info.ArgumentList.Add(argument);
        foreach (var argument in new[] { "trial", "--workload", spec.Workload, "--scale", spec.Scale, "--submission", spec.Submission, "--seed", spec.Seed.ToString(CultureInfo.InvariantCulture), "--progress-lines" })
            info.ArgumentList.Add(argument);
        if (!spec.Hyperparameters.IsEmpty)
        {
            info.ArgumentList.Add("--resolved-hparams");
            info.ArgumentList.Add(spec.Hyperparameters.Json);
        }
        foreach (var argument in sharedArguments) info.ArgumentList.Add(argument);

        var errors = new StringBuilder();
        using var child = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        child.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith(ProgressPrefix, StringComparison.Ordinal)) onProgress(ParseProgress(line));
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
            return Fail(spec, TrialStatus.TimedOut, $"killed after the {limit.TotalSeconds:0} s trial timeout", started);
        }
        child.WaitForExit(); // drains the output handlers

        var stderr = errors.ToString().Trim();
        // Methods report what they chose (a probed peak rate, per-stage rates) on stderr: keep it with the trial.
        if (stderr.Length > 0) store.SaveLog(spec, stderr);
        // The child printed one "error: ..." line naming cause and fix; pass it on unchanged.
        if (child.ExitCode == ConfigException.ExitCode)
            throw new ConfigException(LastLines(stderr, 5).Replace("error: ", "", StringComparison.Ordinal) + $" (in the trial {spec})");
        if (child.ExitCode != 0)
            return Fail(spec, TrialStatus.Crashed, $"trial process exited with code {child.ExitCode}: {LastLines(stderr, 3)}", started);

        return store.ReadManifest(spec)?.Record
            ?? Fail(spec, TrialStatus.Crashed, "trial process exited cleanly but left no manifest", started);
    }

    TrialRecord Fail(TrialSpec spec, TrialStatus status, string error, DateTime started)
    {
        var record = TrialRecord.Failed(spec, paperOf(spec), status, error, started).WithEnvironment(environment);
        store.SaveTrial(new TrialManifest(record, options.ForTrial(spec.Workload, spec.Submission, spec.Seed), environment), []);
        return record;
    }

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
