using Bench.Harness.Results;
using Bench.Tests.Shared;

namespace Bench.Repro.Tests.Execution;

/// <summary>The results folder is checked and locked before any trial, and a damaged table stops the run with a way forward.</summary>
public sealed class ResultsFolderTests : TempFolderTests
{
    [Theory]
    [InlineData("/dev/null")]
    [InlineData("/dev/null/results")]
    public void A_results_path_that_cannot_be_written_fails_with_exit_2_before_any_trial(string path)
    {
        var (code, output) = ReproRunner.Run("run", "baseline", "--workload", "modadd", "--scale", "smoke", "--seeds", "1", "--results", path);

        Assert.Equal(2, code);
        Assert.Contains($"error: results folder {path} cannot be written", output);
        Assert.DoesNotContain("trials at scale", output);
    }

    [Fact]
    public void A_lock_left_by_a_dead_run_is_taken_over()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "locks"));
        File.WriteAllText(Path.Combine(Folder, "locks", "run.lock"), "");
        File.WriteAllText(Path.Combine(Folder, "locks", "run.lock.pid"), "999999\n");

        var (code, output) = ReproRunner.Run("run", "baseline", "--workload", "modadd", "--scale", "smoke", "--seeds", "1", "--results", Folder,
            "--in-process");

        Assert.True(code == 0, output);
        Assert.Single(new ResultsStore(Folder).ReadTrials());
    }

    [Theory]
    [MemberData(nameof(DamagedTable.Kinds), MemberType = typeof(DamagedTable))]
    public void A_damaged_table_stops_the_run_with_one_line_naming_file_and_line_and_is_kept_aside(string kind, int line)
    {
        var store = new ResultsStore(Folder);
        foreach (var seed in new[] { 10, 11 })
            store.Append(new TrialRecord { Workload = "modadd", Scale = "smoke", Submission = "baseline", Paper = "baseline", Seed = seed, MachineId = "m" });
        DamagedTable.Apply(store.TrialsCsv, kind);
        var damaged = File.ReadAllBytes(store.TrialsCsv);

        var (code, output) = ReproRunner.Run("run", "baseline", "--workload", "modadd", "--scale", "smoke", "--seeds", "1", "--results", Folder,
            "--in-process");

        Assert.Equal(2, code);
        var error = Assert.Single(output.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.StartsWith($"error: {store.TrialsCsv} line {line}: ", error);
        Assert.Contains("repro repair", error);
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("trials at scale", output);
        Assert.Equal(damaged, File.ReadAllBytes(store.TrialsCsv));
        Assert.Equal(damaged, File.ReadAllBytes(Assert.Single(Directory.GetFiles(Folder, "trials.csv.damaged-*"))));

        var (repaired, report) = ReproRunner.Run("repair", "--results", Folder);

        Assert.True(repaired == 0, report);
        Assert.Contains($"line {line}: ", report);
        Assert.Contains($"kept {(kind is "damaged header" or "garbage line" ? 2 : 1)} rows, moved 1 bad record(s) to {store.TrialsCsv}.rejected-", report);
        Assert.NotEmpty(store.ReadTrials());
    }

    [Fact]
    public void After_a_repair_the_run_goes_on()
    {
        var store = new ResultsStore(Folder);
        foreach (var seed in new[] { 10, 11 })
            store.Append(new TrialRecord { Workload = "modadd", Scale = "smoke", Submission = "baseline", Paper = "baseline", Seed = seed, MachineId = "m" });
        DamagedTable.Apply(store.TrialsCsv, "bad status");
        string[] run = ["run", "baseline", "--workload", "modadd", "--scale", "smoke", "--seeds", "1", "--results", Folder, "--in-process"];
        Assert.Equal(2, ReproRunner.Run(run).ExitCode);

        Assert.Equal(0, ReproRunner.Run("repair", "--results", Folder).ExitCode);
        var (code, output) = ReproRunner.Run(run);

        Assert.True(code == 0, output);
        Assert.Equal([10, 0], store.ReadTrials().Select(r => r.Seed));
    }
}
