using Bench.Harness.Orchestration;
using Bench.Harness.Provenance;
using Bench.Harness.Results;
using Bench.Harness.Training;
using Bench.Tests.Shared;

namespace Bench.Harness.Tests.Orchestration;

public sealed class TrialQueueTests : TempFolderTests
{

    static readonly TrialSpec[] Plan = [.. Enumerable.Range(0, 4).Select(seed => new TrialSpec("w", "smoke", "s", seed))];

    sealed class CountingExecutor(ResultsStore store, int crashAfter = int.MaxValue, TrialStatus status = TrialStatus.Reached) : ITrialExecutor
    {
        public List<TrialSpec> Executed { get; } = [];

        public TrialRecord Execute(TrialSpec spec, Action<TrialProgress> onProgress)
        {
            if (Executed.Count == crashAfter) throw new OperationCanceledException("killed");
            Executed.Add(spec);
            var record = new TrialRecord
            {
                Workload = spec.Workload, Scale = spec.Scale, Submission = spec.Submission, Seed = spec.Seed, MachineId = "m1", Status = status,
                StartedUtc = DateTime.UtcNow, Error = status == TrialStatus.Reached ? "" : "exit 137, killed by SIGKILL",
            };
            store.SaveTrial(new TrialManifest(record, new Dictionary<string, string?>(),
                new EnvironmentFingerprint("c", 1, 1, "cpu", "none", "os", "net", "ts", "lt", "g")), []);
            return record;
        }
    }

    [Fact]
    public void A_rerun_skips_finished_trials_and_never_duplicates_rows()
    {
        var store = new ResultsStore(Folder);
        var first = new CountingExecutor(store, crashAfter: 2);
        Assert.Throws<OperationCanceledException>(() => new TrialQueue(store, first, "m1").Run(Plan));
        Assert.Equal(2, store.ReadTrials().Count);

        var second = new CountingExecutor(store);
        var summary = new TrialQueue(store, second, "m1").Run(Plan);

        Assert.Equal(Plan[2..], second.Executed);
        Assert.Equal(2, summary.Skipped);
        Assert.Equal(Plan, store.ReadTrials().Select(r => r.Spec));

        var third = new CountingExecutor(store);
        new TrialQueue(store, third, "m1").Run(Plan);
        Assert.Empty(third.Executed);
        Assert.Equal(4, store.ReadTrials().Count);
    }

    [Fact]
    public void A_trial_saved_but_not_appended_is_recovered_without_rerunning()
    {
        var store = new ResultsStore(Folder);
        // Simulate a kill between the child's manifest and the parent's append.
        new CountingExecutor(store).Execute(Plan[0], _ => { });

        var executor = new CountingExecutor(store);
        var summary = new TrialQueue(store, executor, "m1").Run(Plan[..1]);

        Assert.Equal(1, summary.Recovered);
        Assert.Empty(executor.Executed);
        Assert.Single(store.ReadTrials());
    }

    [Fact]
    public void Rows_from_another_machine_do_not_count_as_finished()
    {
        var store = new ResultsStore(Folder);
        store.Append(new TrialRecord { Workload = "w", Scale = "smoke", Submission = "s", Seed = 0, MachineId = "other" });

        var executor = new CountingExecutor(store);
        new TrialQueue(store, executor, "m1").Run(Plan[..1]);

        Assert.Equal(Plan[..1], executor.Executed);
    }

    [Theory]
    [InlineData(TrialStatus.Crashed)]
    [InlineData(TrialStatus.TimedOut)]
    [InlineData(TrialStatus.TimeCapped)]
    public void A_crashed_timed_out_or_time_capped_trial_is_retried_and_its_old_row_superseded(TrialStatus status)
    {
        var store = new ResultsStore(Folder);
        new TrialQueue(store, new CountingExecutor(store, status: status), "m1").Run(Plan[..1]);
        var failed = Assert.Single(store.ReadTrials());
        Assert.Equal(status, failed.Status);

        var retry = new CountingExecutor(store);
        var summary = new TrialQueue(store, retry, "m1").Run(Plan[..1]);

        Assert.Equal(Plan[..1], retry.Executed);
        Assert.Equal((1, 1, 0), (summary.Ran, summary.Retried, summary.Skipped));
        Assert.Equal([status, TrialStatus.Reached], store.ReadAllTrials().Select(r => r.Status)); // rows only grow
        Assert.Equal(TrialStatus.Reached, Assert.Single(store.ReadTrials()).Status); // the newest row wins
        // The failed attempt's manifest is kept beside the new one, not overwritten.
        var setAside = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(store.ManifestPath(Plan[0]))!, "seed-0.superseded-*.json"));
        Assert.Contains($"\"Status\": \"{status}\"", File.ReadAllText(setAside));
        var third = new CountingExecutor(store);
        new TrialQueue(store, third, "m1").Run(Plan[..1]);
        Assert.Empty(third.Executed);
    }

    [Theory]
    [InlineData(TrialStatus.Missed)]
    [InlineData(TrialStatus.Diverged)]
    public void A_missed_or_diverged_trial_is_final(TrialStatus status)
    {
        var store = new ResultsStore(Folder);
        new TrialQueue(store, new CountingExecutor(store, status: status), "m1").Run(Plan[..1]);

        var rerun = new CountingExecutor(store);
        new TrialQueue(store, rerun, "m1").Run(Plan[..1]);

        Assert.Empty(rerun.Executed);
    }

    [Fact]
    public void A_crash_saved_but_not_appended_is_recorded_then_retried()
    {
        var store = new ResultsStore(Folder);
        new CountingExecutor(store, status: TrialStatus.Crashed).Execute(Plan[0], _ => { }); // killed before the append

        var executor = new CountingExecutor(store);
        var summary = new TrialQueue(store, executor, "m1").Run(Plan[..1]);

        Assert.Equal((1, 1), (summary.Recovered, summary.Ran));
        Assert.Equal([TrialStatus.Crashed, TrialStatus.Reached], store.ReadAllTrials().Select(r => r.Status));
    }

    [Fact]
    public void Another_run_measures_its_own_trials_and_both_runs_rows_stay_current()
    {
        var store = new ResultsStore(Folder);
        new TrialQueue(store, new CountingExecutor(store), "m1", "run-a").Run(Plan[..2]);

        var second = new CountingExecutor(store);
        var summary = new TrialQueue(store, second, "m1", "run-b").Run(Plan[..2]);

        Assert.Equal(Plan[..2], second.Executed);
        Assert.Equal(0, summary.Retried);
        var current = store.ReadTrials();
        Assert.Equal(["run-a", "run-a", "run-b", "run-b"], current.Select(r => r.RunId));
        // The first run's files of the same trials are set aside under its run id, not overwritten nor called superseded.
        Assert.Equal(2, Directory.GetFiles(Folder, "seed-*.run-a-*.json", SearchOption.AllDirectories).Length);
        Assert.Empty(Directory.GetFiles(Folder, "*superseded*", SearchOption.AllDirectories));

        var rerun = new CountingExecutor(store);
        Assert.Equal(2, new TrialQueue(store, rerun, "m1", "run-b").Run(Plan[..2]).Skipped);
        Assert.Empty(rerun.Executed);
    }
}
