using Bench.Harness.Configuration;
using Bench.Harness.Orchestration;
using Bench.Harness.Results;
using Bench.Harness.Torch;
using Bench.Harness.Training;
using Bench.Tests.Shared;

namespace Bench.Harness.Tests.Orchestration;

/// <summary>The thread count a trial runs with: its workload's unless <c>--threads</c> says otherwise, and recorded.</summary>
public sealed class TrialSessionTests : TempFolderTests
{
    static readonly TrialSpec Spec = new("scripted", "smoke", "sgd", 0);

    TrialManifest RunWith(int? threads, int workloadThreads)
    {
        _ = TorchFixture.Cpu;
        var workload = new ScriptedWorkload([0.95], maxSteps: 3, defaultThreads: workloadThreads);
        var options = new BenchOptions { Threads = threads, WarmupSteps = 0, Download = false, Results = Folder };
        var store = new ResultsStore(Folder);
        try
        {
            new TrialSession(options, _ => workload, _ => new SgdSubmission(), new FakeTimeSource()).RunAndSave(Spec, store);
        }
        finally
        {
            // The thread count is process-wide: the other tests keep the fixture's.
            TorchSetup.Initialize("cpu", 2);
        }
        return store.ReadManifest(Spec)!;
    }

    [Fact]
    public void Without_threads_set_a_trial_runs_with_its_workloads_default_and_records_it()
    {
        var manifest = RunWith(threads: null, workloadThreads: 1);

        Assert.Equal(1, manifest.Record.Threads);
        Assert.Equal(1, manifest.Environment.Threads);
        Assert.Equal("1", manifest.Configuration["Threads"]);
    }

    [Fact]
    public void An_explicit_thread_count_wins_over_the_workloads()
    {
        var manifest = RunWith(threads: 2, workloadThreads: 1);

        Assert.Equal(2, manifest.Record.Threads);
        Assert.Equal("2", manifest.Configuration["Threads"]);
    }
}
