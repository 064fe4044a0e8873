using Bench.Contracts;
using Bench.Harness.Results;
using Bench.Harness.Statistics;
using Bench.Harness.Training;

namespace Bench.Harness.Tests.Statistics;

public class ComparisonRowTests
{
    static TrialRecord Row(string submission, int seed, double seconds, double steps, double final) => new()
    {
        Workload = "w", Scale = "cpu", Submission = submission, Paper = submission == "baseline" ? "baseline" : "p", Seed = seed,
        Status = double.IsFinite(seconds) ? TrialStatus.Reached : TrialStatus.Missed, Metric = "loss", Target = 2.0,
        TimeToTargetSeconds = seconds, StepsToTarget = steps, ExamplesToTarget = steps * 100, FinalMetric = final, MachineId = "m",
    };

    static readonly TrialRecord[] Baseline =
        [Row("baseline", 0, 10, 100, 1.99), Row("baseline", 1, 11, 104, 1.98), Row("baseline", 2, 12, 108, 1.97), Row("baseline", 3, 13, 112, 1.99),
            Row("baseline", 4, 14, 116, 1.96)];

    [Fact]
    public void A_fast_submission_gets_verdict_fsr_target_test_and_an_rcp_audit()
    {
        var context = new ComparisonContext((_, _) => MetricDirection.Lower, _ => new PaperClaim(2.0, "train-steps", false));
        TrialRecord[] fast = [Row("fast", 0, 5, 40, 1.95), Row("fast", 1, 5.5, 44, 1.94), Row("fast", 2, 6, 48, 1.96)];

        var rows = ComparisonRow.Build([.. Baseline, .. fast], "baseline", context);

        var baseline = rows.Single(r => r.Submission == "baseline");
        Assert.Equal(VerdictKind.Reference, baseline.Verdict.Kind);
        Assert.Null(baseline.Rcp);
        var row = rows.Single(r => r.Submission == "fast");
        // Steps: baseline median 108 / 44 = 2.45x, every resample ratio is at least 100/48 = 2.08 ≥ 2: reproduced on steps.
        Assert.Equal((VerdictKind.Reproduced, "steps"), (row.Verdict.Kind, row.Verdict.Basis));
        Assert.Equal((1 - 44.0 / 108) / (1 - 1 / 2.0), row.Fsr, 12);
        Assert.Equal((44.0 - 2, 44.0 + 2), (row.StepsIqrLow, row.StepsIqrHigh)); // quantiles of 40, 44, 48
        // Losses 1.95, 1.94, 1.96 vs target 2.0 (lower is better): t = 0.05/(0.01/√3) = 5√3 = 8.660, df 2:
        // p = 1/2 − t/(2√(2 + t²)) = 0.5 − 8.660254/17.549929 = 0.006536 < 0.01.
        Assert.Equal(0.006536, row.TargetTest!.PValue, 6);
        Assert.True(row.TargetTest.MeetsTarget);
        // RCP: baseline examples olympic mean 10800; 3 runs → n_sub = 1; the fast mean 4400 is far below the limit: audit.
        Assert.True(row.Rcp!.Flagged);
    }

    [Fact]
    public void Flops_to_target_give_their_own_speedup_and_judge_a_flop_claim()
    {
        var context = new ComparisonContext((_, _) => MetricDirection.Lower, _ => new PaperClaim(1.2, "train-flops", false));
        // Baseline FLOPs: 1e9 a step. The cheap arm needs the baseline's steps at half the FLOPs a step, so its steps
        // speedup is 1x and its FLOPs speedup 2x.
        TrialRecord[] baseline = [.. Baseline.Select(r => r with { FlopsToTarget = r.StepsToTarget * 1e9 })];
        TrialRecord[] cheap = [.. Baseline.Select(r => r with { Submission = "cheap", Paper = "p", FlopsToTarget = r.StepsToTarget * 0.5e9 })];

        var row = ComparisonRow.Build([.. baseline, .. cheap], "baseline", context).Single(r => r.Submission == "cheap");

        Assert.Equal(1.0, row.StepSpeedup.Value, 12);
        Assert.Equal(2.0, row.FlopSpeedup.Value, 12);
        Assert.Equal(108 * 0.5e9, row.MedianFlops, 3);
        Assert.Equal((VerdictKind.Reproduced, Verdict.FlopsBasis), (row.Verdict.Kind, row.Verdict.Basis));
        Assert.Equal(row.FlopSpeedup, row.JudgedSpeedup);
    }

    [Fact]
    public void Examples_to_target_give_their_own_speedup_and_judge_a_data_claim()
    {
        var context = new ComparisonContext((_, _) => MetricDirection.Lower, _ => new PaperClaim(1.5, "train-data", false));
        // The filtering arm needs the baseline's steps but half its examples to target, so its steps speedup is 1x and
        // its examples speedup 2x.
        TrialRecord[] baseline = [.. Baseline.Select(r => r with { ExamplesToTarget = r.StepsToTarget * 32 })];
        TrialRecord[] filtering = [.. Baseline.Select(r => r with { Submission = "filter", Paper = "p", ExamplesToTarget = r.StepsToTarget * 16 })];

        var row = ComparisonRow.Build([.. baseline, .. filtering], "baseline", context).Single(r => r.Submission == "filter");

        Assert.Equal(1.0, row.StepSpeedup.Value, 12);
        Assert.Equal(2.0, row.ExampleSpeedup.Value, 12);
        Assert.Equal(108 * 16.0, row.MedianExamples, 9);
        Assert.Equal((VerdictKind.Reproduced, Verdict.ExamplesBasis), (row.Verdict.Kind, row.Verdict.Basis));
        Assert.Equal(row.ExampleSpeedup, row.JudgedSpeedup);
    }

    [Fact]
    public void The_data_assembly_fraction_is_the_median_share_of_training_time_and_missing_in_old_rows()
    {
        TrialRecord[] rows = [.. Baseline.Select((r, i) => r with { TrainSeconds = 100, DataSeconds = i + 1 })];

        var row = ComparisonRow.Build(rows, "baseline").Single();
        var old = ComparisonRow.Build([.. Baseline.Select(r => r with { TrainSeconds = 100 })], "baseline").Single();

        Assert.Equal(Descriptive.Median([.. rows.Select(r => r.DataSeconds / 100)]), row.DataFraction, 12);
        Assert.True(double.IsNaN(old.DataFraction));
    }

    [Fact]
    public void Unknown_directions_are_guessed_from_the_metric_name()
    {
        Assert.Equal(MetricDirection.Lower, ComparisonContext.GuessDirection("loss"));
        Assert.Equal(MetricDirection.Higher, ComparisonContext.GuessDirection("accuracy"));
        Assert.Equal(MetricDirection.Higher, ComparisonContext.GuessDirection("mrr"));
    }

    [Fact]
    public void Rows_with_different_hyperparameters_are_separate_arms_never_pooled()
    {
        TrialRecord[] fast = [Row("s", 0, 5, 40, 1.95) with { HparamsHash = "aaaa0001" }, Row("s", 1, 5, 40, 1.95) with { HparamsHash = "aaaa0001" }];
        TrialRecord[] slow = [Row("s", 0, 20, 200, 1.95) with { HparamsHash = "bbbb0002" }, Row("s", 1, 20, 200, 1.95) with { HparamsHash = "bbbb0002" }];

        var rows = ComparisonRow.Build([.. Baseline, .. fast, .. slow], "baseline");

        var arms = rows.Where(r => r.Submission == "s").ToList();
        Assert.Equal(2, arms.Count);
        Assert.Equal(2, arms.Single(r => r.HparamsHash == "aaaa0001").Seeds);
        Assert.Equal(5.0, arms.Single(r => r.HparamsHash == "aaaa0001").MedianSeconds);
        Assert.Equal(20.0, arms.Single(r => r.HparamsHash == "bbbb0002").MedianSeconds);
    }

    [Fact]
    public void A_submission_is_compared_only_with_the_baseline_of_its_own_run()
    {
        // Run A's baseline is slow (20 s), run B's fast (10 s); the submission ran in B at 10 s: 1x, never 2x.
        TrialRecord[] runA = [.. Enumerable.Range(0, 3).Select(i => Row("baseline", i, 20, 200, 1.9) with { RunId = "run-a" })];
        TrialRecord[] runB = [.. Enumerable.Range(0, 3).Select(i => Row("baseline", i, 10, 100, 1.9) with { RunId = "run-b" }),
            .. Enumerable.Range(0, 3).Select(i => Row("s", i, 10, 100, 1.9) with { RunId = "run-b" })];

        var rows = ComparisonRow.Build([.. runA, .. runB], "baseline");

        var row = rows.Single(r => r.Submission == "s");
        Assert.Equal("run-b", row.RunId);
        Assert.False(row.PooledRuns);
        Assert.Equal(1.0, row.TimeSpeedup.Value, 9);
        Assert.Equal(2, rows.Count(r => r.Submission == "baseline"));
        Assert.True(ComparisonRow.Build(Baseline, "baseline").Single().PooledRuns);
    }

    [Fact]
    public void Time_capped_trials_are_left_out_like_missing_ones_and_counted()
    {
        TrialRecord[] fast = [Row("fast", 0, 5, 40, 1.95), Row("fast", 1, 5.5, 44, 1.94),
            Row("fast", 2, double.PositiveInfinity, double.PositiveInfinity, 2.5) with { Status = TrialStatus.TimeCapped }];

        var row = ComparisonRow.Build([.. Baseline, .. fast], "baseline").Single(r => r.Submission == "fast");

        Assert.Equal((2, 2, 1), (row.Seeds, row.Reached, row.TimeCapped));
        Assert.Equal(5.25, row.MedianSeconds); // a miss would have made the median 5.5
    }

    [Fact]
    public void Rows_report_the_median_final_metric_beside_the_optimistic_best()
    {
        // Final losses 1.99, 1.98, 1.97, 1.99, 1.96 (median 1.98); the best of each trial's evaluations is 0.1 lower.
        var rows = ComparisonRow.Build(Baseline.Select(r => r with { BestMetric = r.FinalMetric - 0.1 }), "baseline");
        var baseline = Assert.Single(rows);
        Assert.Equal(1.98, baseline.MedianFinalMetric, 12);
        Assert.Equal(1.88, baseline.MedianBestMetric, 12);
    }

    [Fact]
    public void Rows_of_different_datasets_are_never_pooled_and_each_compares_with_its_own_baseline()
    {
        // One run, two datasets: on "mine" the baseline takes 40 s and s 10 s (4x); on the default data s ties the baseline.
        TrialRecord[] mine = [.. Enumerable.Range(0, 3).Select(i => Row("baseline", i, 40, 400, 1.9) with { Dataset = "/data/mine" }),
            .. Enumerable.Range(0, 3).Select(i => Row("s", i, 10, 100, 1.9) with { Dataset = "/data/mine" })];
        TrialRecord[] own = [.. Enumerable.Range(0, 3).Select(i => Row("s", i, 12, 112, 1.9))];

        var rows = ComparisonRow.Build([.. Baseline, .. own, .. mine], "baseline");

        Assert.Equal(4, rows.Count);
        var onMine = rows.Single(r => r.Submission == "s" && r.Dataset == "/data/mine");
        Assert.Equal((3, 4.0), (onMine.Seeds, onMine.TimeSpeedup.Value));
        var onOwn = rows.Single(r => r.Submission == "s" && r.Dataset == "");
        Assert.Equal((3, 1.0), (onOwn.Seeds, onOwn.TimeSpeedup.Value));
        Assert.Equal(5, rows.Single(r => r.Submission == "baseline" && r.Dataset == "").Seeds);
    }
}
