using System.Diagnostics;
using Bench.Harness.Orchestration;
using Bench.Harness.Results;
using Bench.Harness.Training;
using Bench.Repro.Execution;
using Bench.Tests.Shared;

namespace Bench.Repro.Tests.Slurm;

/// <summary>
/// <c>--executor slurm</c> against the real single-node Slurm that build/slurm/up.sh starts: the same trials give the
/// same results as local ones, a task Slurm kills becomes a Crashed row that a rerun fills, and a parent killed while
/// its job runs loses nothing on rerun. Smoke-scale modadd trials (a few seconds each).
/// </summary>
public sealed class SlurmExecutorTests : TempFolderTests
{
    string Local => Path.Combine(Folder, "local");
    string Cluster => Path.Combine(Folder, "slurm");

    static string[] Speedrun(string results, params string[] more) =>
        ["speedrun", "--workload", "modadd", "--submissions", "wsd", "--scale", "smoke", "--seeds", "2", "--results", results, .. more];

    [SlurmFact]
    public void Slurm_and_local_give_the_same_steps_to_target_and_final_metrics_and_rows_say_where_they_ran()
    {
        var (localCode, localOutput) = ReproRunner.Run(Speedrun(Local));
        Assert.True(localCode == 0, localOutput);
        var (code, output) = ReproRunner.Run(Speedrun(Cluster, "--executor", "slurm"));
        Assert.True(code == 0, output);
        Assert.Contains("submitted Slurm job", output);

        var local = new ResultsStore(Local).ReadTrials().ToDictionary(r => r.Spec);
        var cluster = new ResultsStore(Cluster).ReadTrials();
        Assert.Equal(4, cluster.Count);
        Assert.True(local.Keys.ToHashSet().SetEquals(cluster.Select(r => r.Spec)), output);
        foreach (var row in cluster)
        {
            var twin = local[row.Spec];
            Assert.Equal((twin.Status, twin.StepsToTarget, twin.FinalMetric), (row.Status, row.StepsToTarget, row.FinalMetric));
            Assert.Equal(Environment.MachineName, row.Node);
            Assert.NotEmpty(row.JobId);
            Assert.Equal("", twin.JobId);
        }
        Assert.Equal(new[] { "0", "1", "2", "3" }, cluster.Select(r => r.ArrayIndex).Order());

        var (again, rerun) = ReproRunner.Run(Speedrun(Cluster, "--executor", "slurm"));
        Assert.Equal(0, again);
        Assert.Contains("ran 0, resumed 0, skipped 4", rerun);
        Assert.DoesNotContain("submitted Slurm job", rerun);
    }

    [SlurmFact]
    public void A_cancelled_array_task_becomes_a_crashed_row_naming_the_cause_and_a_rerun_resubmits_it_alone()
    {
        // One task at a time, so task 1 is cancelled while it trains and the others are untouched.
        string[] args = Speedrun(Cluster, "--executor", "slurm", "--slurm-max-parallel", "1");
        var run = Task.Run(() => ReproRunner.Run(args));
        var job = AwaitJob(Cluster);
        AwaitTaskRunning(job, 1);
        Scancel($"{job}_1");
        var (code, output) = run.Result;
        Assert.True(code == 0, output);

        var rows = new ResultsStore(Cluster).ReadTrials();
        Assert.Equal(4, rows.Count);
        var cancelled = Assert.Single(rows, r => r.Status != TrialStatus.Reached);
        Assert.Equal(TrialStatus.Crashed, cancelled.Status);
        Assert.Contains("cancelled in Slurm", cancelled.Error);
        Assert.Contains($"job {job}_1", cancelled.Error);

        var (again, rerun) = ReproRunner.Run(args);
        Assert.True(again == 0, rerun);
        Assert.Contains("ran 1 (1 retried", rerun);
        Assert.Contains("skipped 3", rerun);
        Assert.Contains("1 array tasks", rerun);
        var store = new ResultsStore(Cluster);
        Assert.All(store.ReadTrials(), r => Assert.Equal(TrialStatus.Reached, r.Status));
        Assert.Equal(cancelled.Spec, store.ReadTrials().Single(r => r.JobId != job).Spec);
        // The crashed attempt's row stays, superseded: rows only grow.
        Assert.Equal(5, store.ReadAllTrials().Count);
    }

    [SlurmFact]
    public void A_parent_killed_while_its_job_runs_loses_nothing_and_duplicates_nothing_when_the_command_is_rerun()
    {
        string[] args = Speedrun(Cluster, "--executor", "slurm");
        var (host, prefix) = SelfLauncher.Command();
        var parent = Process.Start(new ProcessStartInfo(host, [.. prefix, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        parent.BeginOutputReadLine();
        parent.BeginErrorReadLine();
        var job = AwaitJob(Cluster);
        AwaitTaskRunning(job, 0);
        parent.Kill(entireProcessTree: true);
        parent.WaitForExit();

        var (code, output) = ReproRunner.Run(args);
        Assert.True(code == 0, output);
        Assert.Contains($"waiting for Slurm job {job}", output);
        var rows = new ResultsStore(Cluster).ReadAllTrials();
        Assert.Equal(4, rows.Count);
        Assert.Equal(4, rows.Select(r => r.Spec).Distinct().Count());
        Assert.All(rows, r => Assert.Equal(TrialStatus.Reached, r.Status));
        // Every trial ran once, in the killed parent's job; the rerun only collected.
        Assert.All(rows, r => Assert.Equal(job, r.JobId));
        Assert.Contains("ran 0, ", output);
    }

    [SlurmFact]
    public void An_unknown_partition_stops_with_exit_2_and_sbatchs_message()
    {
        var (code, output) = ReproRunner.Run(Speedrun(Cluster, "--executor", "slurm", "--slurm-partition", "nosuch"));

        Assert.Equal(2, code);
        Assert.Contains("error: sbatch rejected the job array", output);
        Assert.Contains("Invalid partition name specified", output);
        Assert.Empty(new ResultsStore(Cluster).ReadAllTrials());
    }

    [SlurmFact]
    public void An_sbatch_rejection_is_passed_on_with_exit_2()
    {
        var (code, output) = ReproRunner.Run(Speedrun(Cluster, "--executor", "slurm", "--sbatch-args", "--no-such-sbatch-option"));

        Assert.Equal(2, code);
        Assert.Contains("error: sbatch rejected the job array", output);
        Assert.Contains("no-such-sbatch-option", output);
    }

    [SlurmFact]
    public void A_controller_that_does_not_answer_stops_with_exit_2_before_any_trial()
    {
        // A copy of the running cluster's configuration pointing at a port where no controller listens.
        var conf = Path.Combine(Folder, "slurm.conf");
        File.WriteAllLines(conf, File.ReadAllLines("/etc/slurm/slurm.conf").Where(l => !l.StartsWith("SlurmctldPort", StringComparison.Ordinal))
            .Append("SlurmctldPort=6999"));
        var before = Environment.GetEnvironmentVariable("SLURM_CONF");
        Environment.SetEnvironmentVariable("SLURM_CONF", conf);
        try
        {
            var (code, output) = ReproRunner.Run(Speedrun(Cluster, "--executor", "slurm"));
            Assert.Equal(2, code);
            Assert.Contains("error: the Slurm controller is not reachable", output);
            Assert.Empty(new ResultsStore(Cluster).ReadAllTrials());
        }
        finally
        {
            Environment.SetEnvironmentVariable("SLURM_CONF", before);
        }
    }

    /// <summary>The id of the job the run on <paramref name="results"/> submitted (its record under slurm/).</summary>
    static string AwaitJob(string results)
    {
        var folder = Path.Combine(results, "slurm");
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(folder) && Directory.GetFiles(folder, "job-*.txt").FirstOrDefault() is { } record)
                return Path.GetFileNameWithoutExtension(record)["job-".Length..];
            Thread.Sleep(200);
        }
        throw new TimeoutException($"no Slurm job was submitted for {results}");
    }

    static void AwaitTaskRunning(string job, int index)
    {
        var slurm = new SlurmClient();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (slurm.Tasks(job)?.LastOrDefault(t => t.Tasks.Contains(index)) is { State: "RUNNING" }) return;
            Thread.Sleep(200);
        }
        throw new TimeoutException($"task {job}_{index} never ran");
    }

    static void Scancel(string task)
    {
        using var scancel = Process.Start("scancel", [task]);
        scancel.WaitForExit();
        Assert.Equal(0, scancel.ExitCode);
    }
}
