using Bench.Harness.Configuration;
using Bench.Contracts;
using Bench.Harness.Orchestration;
using Bench.Harness.Results;
using Bench.Harness.Training;
using Bench.Repro.Calibration;
using Bench.Tests.Shared;

namespace Bench.Repro.Tests.Calibration;

/// <summary>
/// A calibration from real trials of a scripted workload (run in this process, curves saved as any run saves them): the
/// file written and read back, and trials that cannot give a target refused.
/// </summary>
public sealed class CalibratorTests : TempFolderTests
{
    // Evaluations every 2 steps of a 20-step budget; 70% is step 14, whose evaluation scores 0.6789.
    static readonly double[] Script = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.6789, 0.7, 0.8, 0.85];

    string Data => Directory.CreateDirectory(Path.Combine(Folder, "my data")).FullName;

    (IReadOnlyList<TrialRecord> Rows, ResultsStore Store) Run(ScriptedWorkload workload, string dataset, bool fullBudget, params int[] seeds)
    {
        _ = TorchFixture.Cpu;
        var options = new BenchOptions { WarmupSteps = 0, Download = false, Results = Path.Combine(Folder, "results"), FullBudget = fullBudget };
        var store = new ResultsStore(options.Results);
        var session = new TrialSession(options, _ => workload, _ => new SgdSubmission(), new FakeTimeSource());
        return ([.. seeds.Select(seed => session.RunAndSave(new TrialSpec("scripted", "smoke", "sgd", seed) { Dataset = dataset }, store))], store);
    }

    [Fact]
    public void The_file_holds_the_target_and_its_evidence_and_reads_back()
    {
        var data = Data;
        File.WriteAllText(Path.Combine(data, "train.txt"), "a\tb\tc\n");
        var workload = new ScriptedWorkload(Script, maxSteps: 20, evaluateEverySteps: 2);
        var (rows, store) = Run(workload, data, fullBudget: true, 0, 1, 2);

        var calibration = Calibrator.FromTrials(workload, "smoke", data, rows, store);
        var path = new CalibrationStore(store.Root).PathFor("scripted", "smoke", data);
        calibration.Write(path);
        var read = DatasetCalibration.Read(path);

        Assert.Equal(Path.Combine(store.Root, "calibrations", $"scripted-smoke-my_data-{TrialSpec.DatasetSlug(data)[^8..]}.json"), path);
        Assert.Equal((0.6789, 0.67, "score >= 0.67"), (read.Worst, read.Target, read.TargetText));
        Assert.Equal(("scripted", "smoke", data, "sgd", "score", MetricDirection.Higher), (read.Workload, read.Scale, read.Dataset, read.Submission,
            read.Metric, read.Direction));
        Assert.Equal((0.70, 14L, 20L), (read.Fraction, read.Step, read.BudgetSteps));
        Assert.Equal(CalibrationStore.Checksum(data), read.DatasetChecksum);
        Assert.StartsWith("sha256:", read.DatasetChecksum);
        Assert.Null(read.CurrentTarget);
        Assert.Equal([0, 1, 2], [.. read.Seeds.Select(s => s.Seed)]);
        // 60% is step 12 (0.6), 65% step 13 (still 0.6), 70% step 14, 75% step 15 (0.6789 again); the last evaluation 0.85.
        Assert.Equal([0.6, 0.6, 0.6789, 0.6789], [.. read.Seeds[1].At.Values]);
        Assert.Equal(0.85, read.Seeds[1].Final);
        Assert.Equal((rows[0].GitCommit, rows[0].MachineId, rows[0].Cpu), (read.GitCommit, read.MachineId, read.Cpu));

        // The store finds it for the same data, and no longer once the folder's contents change.
        Assert.Equal(0.67, new CalibrationStore(store.Root).Find("scripted", "smoke", data).Calibration?.Target);
        File.AppendAllText(Path.Combine(data, "train.txt"), "d\te\tf\n");
        var (found, _, notUsed) = new CalibrationStore(store.Root).Find("scripted", "smoke", data);
        Assert.Null(found);
        Assert.Contains("is of other contents of this folder: not used", notUsed);
    }

    [Fact]
    public void A_seed_that_diverged_is_refused_naming_it()
    {
        var workload = new ScriptedWorkload(Script, maxSteps: 20, evaluateEverySteps: 2, nanFromStep: 3);
        var (rows, store) = Run(workload, Data, fullBudget: true, 0, 1);

        var error = Assert.Throws<ConfigException>(() => Calibrator.FromTrials(workload, "smoke", Data, rows, store));
        Assert.StartsWith("seed 0 diverged (NaN or infinite training loss by step", error.Message);
    }

    [Fact]
    public void A_metric_that_never_moves_is_refused()
    {
        var workload = new ScriptedWorkload([0.25], maxSteps: 20, evaluateEverySteps: 2);
        var (rows, store) = Run(workload, Data, fullBudget: true, 0, 1);

        var error = Assert.Throws<ConfigException>(() => Calibrator.FromTrials(workload, "smoke", Data, rows, store));
        Assert.StartsWith("seed 0: score never moved from 0.25 over 20 steps", error.Message);
    }

    [Fact]
    public void Own_data_trials_that_stopped_at_the_target_are_refused_and_the_cards_target_is_kept_beside_the_proposal()
    {
        // A run without --full-budget on the scale's own data stops at its target 0.6 (step 12): no curve to 70%.
        var workload = new ScriptedWorkload(Script, maxSteps: 20, evaluateEverySteps: 2, target: 0.6);
        var (rows, store) = Run(workload, "", fullBudget: false, 0, 1);
        var error = Assert.Throws<ConfigException>(() => Calibrator.FromTrials(workload, "smoke", "", rows, store));
        Assert.StartsWith("seed 0's curve ends at step 12 of 20", error.Message);
        Assert.Contains("calibrate into another --results folder", error.Message);

        (rows, store) = Run(workload, "", fullBudget: true, 2, 3);
        var calibration = Calibrator.FromTrials(workload, "smoke", "", rows, store);
        Assert.Equal((0.67, 0.6), (calibration.Target, calibration.CurrentTarget));
        Assert.Equal("pinned (the scale's own data)", calibration.DatasetChecksum);
        Assert.EndsWith("scripted-smoke-own.json", new CalibrationStore(store.Root).PathFor("scripted", "smoke", ""));
    }
}
