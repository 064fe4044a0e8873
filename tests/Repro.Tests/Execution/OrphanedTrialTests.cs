using System.Diagnostics;
using System.Text;
using Bench.Harness.Results;
using Bench.Repro.Execution;
using Bench.Tests.Shared;

namespace Bench.Repro.Tests.Execution;

/// <summary>Real processes: a run killed with SIGKILL takes its trial process with it and leaves its folder free.</summary>
public sealed class OrphanedTrialTests : TempFolderTests
{
    [Fact]
    public void Killing_the_run_kills_its_trial_process_and_frees_its_folder()
    {
        if (!OperatingSystem.IsLinux()) return; // reads /proc
        var (host, prefix) = SelfLauncher.Command();
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // A cpu-scale modadd trial over its whole budget trains for 30 s or more (16 ms a step unloaded): it cannot end
        // by itself within the 10 s it is given to die with its run.
        foreach (var argument in prefix.Concat(["run", "baseline", "--workload", "modadd", "--scale", "cpu", "--seeds", "1", "--full-budget", "--results",
            Folder]))
            info.ArgumentList.Add(argument);
        var log = new StringBuilder();
        using var run = Process.Start(info)!;
        run.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        run.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        run.BeginOutputReadLine();
        run.BeginErrorReadLine();
        var trial = 0;
        try
        {
            // The trial process holds its trial's lock once it is set up (its parent watch armed): wait for that.
            // (Its folder holds the trial's hyperparameter hash: find the lock by name.)
            var trialLocks = Path.Combine(Folder, "locks", "trials");
            bool Locked() => Directory.Exists(trialLocks) && Directory.EnumerateFiles(trialLocks, "seed-0.lock.pid", SearchOption.AllDirectories).Any();
            Assert.True(WaitUntil(() => (trial = ChildrenOf(run.Id).FirstOrDefault()) != 0 && Locked(), TimeSpan.FromMinutes(3)),
                $"no trial process appeared: {log}");

            // While the run lives, a second run on its folder stops at once, naming the folder and the run.
            var (code, output) = ReproRunner.Run("run", "baseline", "--workload", "modadd", "--scale", "smoke", "--seeds", "1", "--results", Folder);
            Assert.Equal(2, code);
            Assert.Contains($"results folder {Folder} is in use by another run (process {run.Id})", output);

            run.Kill(); // SIGKILL to the run alone, as `kill -9 <pid>` does: nothing of it runs to clean up
            run.WaitForExit();

            Assert.True(WaitUntil(() => !IsAlive(trial), TimeSpan.FromSeconds(10)), $"trial process {trial} outlived its run");
            using var taken = new ResultsStore(Folder).LockForRun(); // the dead run's lock is taken over
        }
        finally
        {
            if (!run.HasExited) run.Kill(entireProcessTree: true);
            if (trial != 0 && IsAlive(trial)) Process.GetProcessById(trial).Kill();
        }
    }

    static bool WaitUntil(Func<bool> condition, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            if (condition()) return true;
            Thread.Sleep(100);
        }
        return condition();
    }

    /// <summary>Process ids whose parent is <paramref name="parent"/>, from /proc/&lt;pid&gt;/stat.</summary>
    static IEnumerable<int> ChildrenOf(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && Stat(pid) is { } stat && stat.Parent == parent);

    /// <summary>Alive = listed and not a zombie (a zombie has exited; only its parent has not collected it).</summary>
    static bool IsAlive(int pid) => Stat(pid) is { } stat && stat.State != 'Z';

    static (char State, int Parent)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1]));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
