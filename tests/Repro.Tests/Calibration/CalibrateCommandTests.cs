using Bench.Contracts;
using Bench.Harness.Results;
using Bench.Harness.Training;
using Bench.Repro.Calibration;
using Bench.Tests.Shared;

namespace Bench.Repro.Tests.Calibration;

/// <summary>
/// Issue 14, section 1: <c>repro calibrate</c> on a user's graph writes the calibration file, and later runs on that data
/// (and only on that data, workload and scale) take its target.
/// </summary>
public sealed class CalibrateCommandTests : TempFolderTests
{
    string Results => Path.Combine(Folder, "results");

    /// <summary>A tiny graph (as in UserDatasetTests): 8 entities on a ring, "next" and "prev" relations.</summary>
    string WriteGraph(string name = "ring graph", int skip = 4)
    {
        var graph = Directory.CreateDirectory(Path.Combine(Folder, name)).FullName;
        var edges = Enumerable.Range(0, 8).SelectMany(i => new[] { $"e{i}\tnext\te{(i + 1) % 8}", $"e{(i + 1) % 8}\tprev\te{i}" }).ToList();
        File.WriteAllLines(Path.Combine(graph, "train.txt"), edges.Skip(skip));
        File.WriteAllLines(Path.Combine(graph, "valid.txt"), edges.Take(2));
        File.WriteAllLines(Path.Combine(graph, "test.txt"), edges.Skip(2).Take(2));
        return graph;
    }

    /// <summary>A calibration file for <paramref name="graph"/> as calibrate writes it, without training.</summary>
    string Calibrate(string graph, double target, string scale = "smoke")
    {
        var store = new CalibrationStore(Results);
        var path = store.PathFor("kg-transe", scale, graph);
        new DatasetCalibration
        {
            Workload = "kg-transe", Scale = scale, Dataset = graph, DatasetChecksum = CalibrationStore.Checksum(graph), Submission = "baseline",
            Metric = "mrr", Direction = MetricDirection.Higher, Target = target, Fraction = 0.7, Step = 210, Worst = target, BudgetSteps = 300,
            Seeds = [new SeedCalibration(0, new Dictionary<string, double> { ["0.70"] = target }, target),
                new SeedCalibration(1, new Dictionary<string, double> { ["0.70"] = target }, target)],
        }.Write(path);
        return path;
    }

    [Fact]
    public void Calibrate_writes_the_file_and_prints_each_seed_and_a_later_run_on_the_same_data_uses_its_target()
    {
        var graph = WriteGraph();

        var (code, output) = ReproRunner.Run("calibrate", "--workload", "kg-transe", "--scale", "smoke", "--dataset", graph, "--seeds", "2",
            "--results", Results, "--in-process");

        Assert.True(code == 0, output);
        var path = new CalibrationStore(Results).PathFor("kg-transe", "smoke", graph);
        var calibration = DatasetCalibration.Read(path);
        Assert.Equal(("kg-transe", "smoke", graph, "baseline", "mrr", 2), (calibration.Workload, calibration.Scale, calibration.Dataset, calibration.Submission,
            calibration.Metric, calibration.Seeds.Count));
        Assert.Equal((300L, 210L), (calibration.BudgetSteps, calibration.Step));
        Assert.Equal(CalibrationRule.Round(calibration.Seeds.Min(s => s.At["0.70"]), MetricDirection.Higher), calibration.Target);
        Assert.Contains("70% (step 210) *", output);
        Assert.Contains("every seed", output);
        Assert.Contains($"target {calibration.TargetText} (the worst seed's best mrr by step 210, 70% of the budget: ", output);
        Assert.Contains($"calibration written to {path}", output);
        // Both trials trained the whole budget.
        Assert.All(new ResultsStore(Results).ReadTrials(), r => Assert.Equal((TrialStatus.Missed, 300L), (r.Status, r.Steps)));

        (code, output) = ReproRunner.Run("run", "baseline", "--workload", "kg-transe", "--scale", "smoke", "--seeds", "1", "--dataset", graph,
            "--results", Results, "--in-process");

        Assert.True(code == 0, output);
        Assert.Contains($"dataset {graph}: target from calibration {path} ({calibration.TargetText}, what 2 seeds reached by 70% of the budget).", output);
        var row = new ResultsStore(Results).ReadTrials().Single(r => r.Spec.Target is not null);
        Assert.Equal((calibration.Target, graph), (row.Target, row.Dataset));
    }

    [Fact]
    public void Another_dataset_scale_or_content_never_uses_the_calibration_and_target_still_wins()
    {
        var graph = WriteGraph();
        var other = WriteGraph("other graph");
        var path = Calibrate(graph, 0.37);
        string[] run = ["speedrun", "--workload", "kg-transe", "--submissions", "baseline", "--seeds", "1", "--results", Results, "--dry-run"];

        Assert.Contains($"dataset {graph}: target from calibration {path} (mrr >= 0.37,",
            ReproRunner.Run([.. run, "--scale", "smoke", "--dataset", graph]).Output);
        // The same folder contents elsewhere are another path: another dataset, another file.
        Assert.Contains($"dataset {other} has no calibration for kg-transe at scale smoke",
            ReproRunner.Run([.. run, "--scale", "smoke", "--dataset", other]).Output);
        Assert.Contains($"dataset {graph} has no calibration for kg-transe at scale cpu",
            ReproRunner.Run([.. run, "--scale", "cpu", "--dataset", graph]).Output);
        Assert.Contains($"dataset {graph}: your target mrr >= 0.2 (--target) instead of calibration {path} (mrr >= 0.37).",
            ReproRunner.Run([.. run, "--scale", "smoke", "--dataset", graph, "--target", "0.2"]).Output);

        // A file copied under another scale's name is still for its own scale.
        File.Copy(path, new CalibrationStore(Results).PathFor("kg-transe", "cpu", graph));
        Assert.Contains($"dataset {graph}: calibration {new CalibrationStore(Results).PathFor("kg-transe", "cpu", graph)} is for kg-transe at scale " +
            $"smoke on {graph}: not used.",
            ReproRunner.Run([.. run, "--scale", "cpu", "--dataset", graph]).Output);

        File.WriteAllLines(Path.Combine(graph, "train.txt"), File.ReadAllLines(Path.Combine(graph, "train.txt")).Skip(1));
        var output = ReproRunner.Run([.. run, "--scale", "smoke", "--dataset", graph]).Output;
        Assert.Contains($"dataset {graph} has no calibration for kg-transe at scale smoke", output);
        Assert.Contains($"dataset {graph}: calibration {path} is of other contents of this folder: not used.", output);
    }

    [Theory]
    [InlineData("--workload nosuch", "error: unknown workload 'nosuch'")]
    [InlineData("--workload kg-transe --seeds 1", "error: --seeds 1: a calibration needs at least 2 seeds")]
    [InlineData("--workload kg-transe --fraction 0.9", "error: --fraction 0.9: give a fraction of the step budget from 0.6 to 0.75")]
    [InlineData("--workload kg-transe --fraction abc", "error: --fraction abc: give a fraction")]
    [InlineData("--workload kg-transe --target 0.3", "error: unknown option '--target'")]
    [InlineData("--workloads kg-transe,modadd", "error: calibrate sets one workload's target; name one with --workload ID (got 2: kg-transe, modadd)")]
    [InlineData("--workload modadd --dataset umls", "error: workload 'modadd' reads only its own dataset")]
    [InlineData("--workload kg-transe --scale huge", "error: unknown scale 'huge'")]
    public void Bad_input_is_one_error_line_and_exit_2(string arguments, string message)
    {
        var (code, output) = ReproRunner.Run(["calibrate", .. arguments.Split(' '), "--results", Results]);

        Assert.Equal(2, code);
        Assert.StartsWith(message, output);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(Path.Combine(Results, "calibrations")));
    }
}
