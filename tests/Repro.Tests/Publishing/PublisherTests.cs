using Bench.Harness.Results;
using Bench.Harness.Statistics;
using Bench.Harness.Training;
using Bench.Repro.Publishing;
using Bench.Submissions.Papers;
using Bench.Tests.Shared;

namespace Bench.Repro.Tests.Publishing;

public sealed class PublisherTests : TempFolderTests
{
    static readonly ComparisonContext Claims = new((_, _) => null, paper => paper == "paper-x" ? new PaperClaim(1.5, "train-wallclock", false) : null);

    static readonly IReadOnlyList<Paper> Papers =
    [
        new() { Id = "paper-x", ClaimFactorText = "1.5", ClaimKind = "train-wallclock", StatusText = "implemented", Feasible = "yes" },
        new() { Id = "paper-y", ClaimKind = "quality-only", StatusText = "planned", StatusReason = "planned on modadd", Feasible = "yes" },
    ];

    static TrialRecord Row(string submission, int seed, double seconds, double steps, string machine = "m") => new()
    {
        Workload = "modadd", Scale = "cpu", Submission = submission, Paper = submission == "baseline" ? "baseline" : "paper-x", Seed = seed,
        Status = double.IsFinite(seconds) ? TrialStatus.Reached : TrialStatus.Missed, TimeToTargetSeconds = seconds, StepsToTarget = steps,
        ExamplesToTarget = steps * 10, Metric = "accuracy", Target = 0.9, FinalMetric = 0.9 + seed * 0.01,
        MachineId = machine, Cpu = "cpu", Threads = 2, GitCommit = "abc123",
    };

    ResultsStore Local(params TrialRecord[] rows)
    {
        var local = new ResultsStore(Path.Combine(Folder, "local"));
        foreach (var row in rows) local.Append(row);
        return local;
    }

    [Fact]
    public void Publishing_copies_new_rows_once_and_writes_tables_with_speedups_and_verdicts()
    {
        var local = Local(Row("baseline", 0, 10, 100), Row("baseline", 1, 12, 120), Row("fast", 0, 5, 50), Row("fast", 1, 6, 60));
        var published = new ResultsStore(Path.Combine(Folder, "published"));

        Assert.Equal(4, Publisher.Publish(local, published, "baseline", Claims, Papers));
        Assert.Equal(0, Publisher.Publish(local, published, "baseline", Claims, Papers));

        Assert.Equal(4, published.ReadTrials().Count);
        var readme = File.ReadAllText(Path.Combine(published.Root, "README.md"));
        Assert.Contains("## modadd · cpu", readme);
        // 11 / 5.5 = 2.00x; every resample ratio is at least 10/6 = 1.67 ≥ the 1.5x claim: reproduced.
        // FSR = (1 − 1/2)/(1 − 1/1.5) = 0.5/0.333 = 150%.
        Assert.Contains("| fast | paper-x | 1.5x (train-wallclock) | 2.00x [", readme);
        Assert.Contains("| reproduced | judged on time (train-wallclock claim); claimed 1.5x | 150% | 2 (2) | 5.5 [5.3, 5.8] | 55 [53, 58] |", readme);
        Assert.Contains("| baseline | baseline | - | reference | reference | reference | reference | reference | the yardstick |", readme);
        // The rows carry no FLOPs to target: the FLOPs speedup is not available, and the time claim is judged on time as before.
        Assert.Contains("] | n/a | reproduced | judged on time (train-wallclock claim)", readme);
        Assert.Contains("| paper-x | implemented | 1.5x train-wallclock | yes | modadd/cpu (2 seeds) | 2.00x [", readme);
        Assert.Contains("| paper-y | planned | quality-only | yes | - | - | not measured | planned on modadd |", readme);
        foreach (var file in new[] { "summary.csv", "tables/modadd-cpu.csv", "tables/leaderboard.csv", "tables/papers.csv", "tables/profile-cpu-time.csv",
                     "plots/forest-cpu.png", "reference/profile-reference.csv" })
            Assert.True(File.Exists(Path.Combine(published.Root, file)), file);
        // One workload: no submission has a profile worth drawing (three workloads at least).
        Assert.False(File.Exists(Path.Combine(published.Root, "plots", "profile-cpu-time.png")));
        Assert.Contains("fast,paper-x,", File.ReadAllText(Path.Combine(published.Root, "tables", "modadd-cpu.csv")));
    }

    [Fact]
    public void A_retried_trial_is_published_as_a_new_row_that_supersedes_the_published_crash()
    {
        var crash = Row("fast", 0, double.PositiveInfinity, double.PositiveInfinity) with { Status = TrialStatus.Crashed,
            StartedUtc = new DateTime(2026, 1, 1) };
        var local = Local(Row("baseline", 0, 10, 100), Row("baseline", 1, 12, 120), crash, Row("fast", 1, 6, 60));
        var published = new ResultsStore(Path.Combine(Folder, "published"));
        Publisher.Publish(local, published, "baseline", Claims, Papers);

        local.Append(Row("fast", 0, 5, 50) with { StartedUtc = new DateTime(2026, 1, 2) }); // the rerun retried the crash

        Assert.Equal(1, Publisher.Publish(local, published, "baseline", Claims, Papers));
        Assert.Equal(5, published.ReadAllTrials().Count); // rows only grow
        Assert.Equal(TrialStatus.Reached, published.ReadTrials().Single(r => r.Submission == "fast" && r.Seed == 0).Status);
        Assert.Contains("| 2 (2) |", File.ReadAllText(Path.Combine(published.Root, "README.md")));
    }

    [Fact]
    public void Rows_on_a_users_dataset_stay_local_and_tables_show_the_final_metric()
    {
        var local = Local(Row("baseline", 0, 10, 100), Row("baseline", 1, 12, 120),
            Row("baseline", 2, double.PositiveInfinity, double.PositiveInfinity) with { Dataset = "/home/me/graph", Target = double.NaN });
        var published = new ResultsStore(Path.Combine(Folder, "published"));

        Assert.Equal(2, Publisher.Publish(local, published, "baseline", Claims, Papers));

        Assert.All(published.ReadTrials(), r => Assert.Equal("", r.Dataset));
        var readme = File.ReadAllText(Path.Combine(published.Root, "README.md"));
        Assert.Contains("| final metric (median) | final metric p |", readme);
        Assert.Contains("| 0.905 |", readme); // finals 0.90 and 0.91
    }

    [Fact]
    public void The_leaderboard_scores_against_the_frozen_reference()
    {
        // Reference: baseline median 11 s / 110 steps. "fast" at 5.5 s is under it on the only workload: area 1.
        // "slow" at 22 s (ratio 2): ρ = 1 from τ = 2 on, area 66.5/99 = 0.672 on AlgoPerf's grid.
        var local = Local(Row("baseline", 0, 10, 100), Row("baseline", 1, 12, 120), Row("fast", 0, 5, 50), Row("fast", 1, 6, 60),
            Row("slow", 0, 21, 210), Row("slow", 1, 23, 230));
        var published = new ResultsStore(Path.Combine(Folder, "published"));
        Publisher.Publish(local, published, "baseline", Claims, Papers);

        var leaderboard = File.ReadAllText(Path.Combine(published.Root, "tables", "leaderboard.csv"));
        Assert.Contains("cpu,baseline,baseline,1 (1) / 1,1.000,1.000,1.00x,1.00x", leaderboard);
        Assert.Contains("cpu,fast,paper-x,1 (1) / 1,1.000,1.000,2.00x,2.00x", leaderboard);
        Assert.Contains("cpu,slow,paper-x,1 (1) / 1,0.672,0.672,0.50x,0.50x", leaderboard);
    }

    [Fact]
    public void The_frozen_reference_does_not_drift_when_rows_are_added()
    {
        var published = new ResultsStore(Path.Combine(Folder, "published"));
        Publisher.Publish(Local(Row("baseline", 0, 10, 100), Row("baseline", 1, 12, 120)), published, "baseline", Claims, Papers);
        var path = Path.Combine(published.Root, "reference", "profile-reference.csv");
        var frozen = File.ReadAllText(path);
        Assert.Contains("modadd,cpu,m,2,11,110,abc123", frozen);

        Publisher.Publish(Local(Row("baseline", 2, 30, 300), Row("baseline", 0, 99, 99, machine: "other")), published, "baseline", Claims, Papers);
        Assert.Equal(frozen, File.ReadAllText(path));
    }

    [Fact]
    public void Baseline_only_publishes_reference_verdicts()
    {
        var published = new ResultsStore(Path.Combine(Folder, "published"));
        Publisher.Publish(Local(Row("baseline", 0, 10, 100), Row("baseline", 1, 12, 120), Row("baseline", 2, 11, 110)), published, "baseline", Claims, Papers);
        var summary = File.ReadAllText(Path.Combine(published.Root, "summary.csv"));
        Assert.Contains(",reference,", summary);
        Assert.Contains("| paper-x | implemented | 1.5x train-wallclock | yes | - | - | not measured |",
            File.ReadAllText(Path.Combine(published.Root, "README.md")));
    }

    [Fact]
    public void The_readme_publishes_each_workloads_noise_floor_at_its_default_seed_count()
    {
        // Baseline times 10, 12, 11 s (one machine, rows without run ids: one commit): CV 0.0909; 4 default seeds.
        var published = new ResultsStore(Path.Combine(Folder, "published"));
        var context = Claims with { DefaultSeeds = (workload, scale) => workload == "modadd" && scale == "cpu" ? 4 : null };
        Publisher.Publish(Local(Row("baseline", 0, 10, 100), Row("baseline", 1, 12, 120), Row("baseline", 2, 11, 110)), published, "baseline", context, Papers);

        var readme = File.ReadAllText(Path.Combine(published.Root, "README.md"));
        Assert.Contains("## Noise floor", readme);
        var floor = NoiseFloor.Of([Row("baseline", 0, 10, 100), Row("baseline", 1, 12, 120), Row("baseline", 2, 11, 110)], "r");
        var mds = $"{floor.MdsSeconds(4):0.00}x";
        Assert.Contains($"| modadd | cpu | commit abc123 (no run id) | 3 (3) | 0.091 | 0.091 | 4 | {mds} |", readme);
        Assert.Contains("modadd,cpu,commit abc123 (no run id),3 (3),0.091,0.091,4,",
            File.ReadAllText(Path.Combine(published.Root, "tables", "noise-floor.csv")));
    }
}
