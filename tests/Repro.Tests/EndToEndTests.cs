using Bench.Harness.Results;
using Bench.Harness.Training;

namespace Bench.Repro.Tests;

/// <summary>The real path: `repro run` starts one child process per trial and writes rows, curves and manifests.</summary>
public sealed class EndToEndTests : IDisposable
{
    readonly string results = Directory.CreateTempSubdirectory("bench-e2e-").FullName;

    public void Dispose() => Directory.Delete(results, recursive: true);

    [Fact]
    public void Run_baseline_at_smoke_scale_in_child_processes_then_resume()
    {
        string[] args = ["run", "baseline", "--workload", "modadd", "--scale", "smoke", "--seeds", "2", "--results", results];

        var (code, output) = ReproRunner.Run(args);

        Assert.True(code == 0, output);
        var store = new ResultsStore(results);
        var rows = store.ReadTrials();
        Assert.Equal([0, 1], rows.Select(r => r.Seed));
        Assert.All(rows, r => Assert.Equal(TrialStatus.Reached, r.Status));
        Assert.All(rows, r => Assert.NotEmpty(store.ReadCurve(r.Spec)));
        Assert.All(rows, r => Assert.Equal(r.Seed.ToString(), store.ReadManifest(r.Spec)!.Configuration["Seed"]));
        Assert.All(rows, r => Assert.Equal("2", store.ReadManifest(r.Spec)!.Configuration["Threads"]));
        Assert.Contains("ran 2, resumed 0, skipped 0", output);

        var (again, rerun) = ReproRunner.Run(args);
        Assert.Equal(0, again);
        Assert.Contains("ran 0, resumed 0, skipped 2", rerun);
        Assert.Equal(2, store.ReadTrials().Count);
    }
}
