using Bench.Harness.Orchestration;
using Bench.Harness.Provenance;
using Bench.Harness.Results;
using Bench.Harness.Training;
using Bench.Tests.Shared;

namespace Bench.Harness.Tests.Orchestration;

public sealed class TrialQueueTests : TempFolderTests
{

    static readonly TrialSpec[] Plan = [.. Enumerable.Range(0, 4).Select(seed => new TrialSpec("w", "smoke", "s", seed))];

    sealed class CountingExecutor(ResultsStore store, int crashAfter = int.MaxValue) : ITrialExecutor
    {
        public List<TrialSpec> Executed { get; } = [];

        public TrialRecord Execute(TrialSpec spec, Action<TrialProgress> onProgress)
        {
            if (Executed.Count == crashAfter) throw new OperationCanceledException("killed");
            Executed.Add(spec);
            var record = new TrialRecord { Workload = spec.Workload, Scale = spec.Scale, Submission = spec.Submission, Seed = spec.Seed, MachineId = "m1" };
            store.SaveTrial(new TrialManifest(record, new Dictionary<string, string?>(), new EnvironmentFingerprint("c", 1, 1, "cpu", "none", "os", "net", "ts", "lt", "g")), []);
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
}
