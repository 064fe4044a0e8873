using Bench.Harness.Results;
using Bench.Harness.Training;
using Bench.Tests.Shared;

namespace Bench.Repro.Tests;

/// <summary>The real path: `repro run` starts one child process per trial and writes rows, curves and manifests.</summary>
public sealed class EndToEndTests : TempFolderTests
{

    [Fact]
    public void Run_baseline_at_smoke_scale_in_child_processes_then_resume()
    {
        string[] args = ["run", "baseline", "--workload", "modadd", "--scale", "smoke", "--seeds", "2", "--results", Folder];

        var (code, output) = ReproRunner.Run(args);

        Assert.True(code == 0, output);
        var store = new ResultsStore(Folder);
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

    [Fact]
    public void What_a_method_reports_on_stderr_is_kept_as_the_trials_log()
    {
        string[] args = ["run", "super-convergence", "--workload", "fashion-mnist", "--scale", "smoke", "--seeds", "1", "--results", Folder, "--data",
            TestData.Root];

        var (code, output) = ReproRunner.Run(args);

        Assert.True(code == 0, output);
        var store = new ResultsStore(Folder);
        var row = store.ReadTrials().Single(r => r.Submission == "super-convergence");
        Assert.Contains("LR range test: peak", File.ReadAllText(store.LogPath(row.Spec)));
    }
}

public sealed class MissingDataTests
{
    [Fact]
    public void A_missing_dataset_stops_the_run_with_exit_2_naming_the_files_and_writes_no_rows()
    {
        var results = Directory.CreateTempSubdirectory("bench-missing-").FullName;
        var empty = Directory.CreateTempSubdirectory("bench-nodata-").FullName;

        var (code, output) = ReproRunner.Run("run", "baseline", "--workload", "tinyshakespeare", "--scale", "smoke", "--seeds", "1",
            "--data", empty, "--download", "false", "--results", results);

        Assert.Equal(2, code);
        Assert.Contains($"dataset 'Tiny Shakespeare' is missing under {Path.Combine(empty, "tinyshakespeare")}: input.txt", output);
        Assert.Empty(new ResultsStore(results).ReadTrials());
    }
}
