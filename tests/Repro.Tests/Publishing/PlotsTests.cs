using Bench.Harness.Results;
using Bench.Harness.Statistics;
using Bench.Harness.Training;
using Bench.Repro.Publishing;
using Bench.Tests.Shared;

namespace Bench.Repro.Tests.Publishing;

public sealed class PlotsTests : TempFolderTests
{
    static TrialRecord Row(string submission, int seed, double seconds) => new()
    {
        Workload = "w", Scale = "cpu", Submission = submission, Paper = submission == "baseline" ? "baseline" : "p", Seed = seed,
        Status = double.IsFinite(seconds) ? TrialStatus.Reached : TrialStatus.Missed, Metric = "loss", Target = 2,
        TimeToTargetSeconds = seconds, StepsToTarget = seconds * 10, FinalMetric = 1.9, MachineId = "m", RunId = "run-1",
    };

    [Fact]
    public void The_forest_plot_draws_one_row_per_comparison_and_nothing_without_one()
    {
        var context = new ComparisonContext((_, _) => Contracts.MetricDirection.Lower, _ => new PaperClaim(2.0, "train-wallclock", false));
        var rows = ComparisonRow.Build([Row("baseline", 0, 10), Row("baseline", 1, 12), Row("fast", 0, 5), Row("fast", 1, 6),
            Row("miss", 0, double.PositiveInfinity)], "baseline", context);
        var path = Path.Combine(Folder, "forest.png");

        Assert.True(Plots.Forest(path, "cpu", rows));
        Assert.True(new FileInfo(path).Length > 1000);
        Assert.False(Plots.Forest(Path.Combine(Folder, "none.png"), "cpu", [.. rows.Where(r => r.IsReference)]));
        Assert.False(File.Exists(Path.Combine(Folder, "none.png")));
    }

    [Fact]
    public void Profiles_leave_out_submissions_measured_on_fewer_than_three_workloads()
    {
        double[] flat = [.. PerformanceProfile.Taus.Select(_ => 1.0)];
        LeaderboardRow Board(string submission, int measured) => new("cpu", submission, "p", measured, measured, 6, 1, 1, 1, 1, flat, flat);
        var path = Path.Combine(Folder, "profile.png");

        Assert.False(Plots.Profile(path, "cpu", "time", [Board("one-workload", 1), Board("two-workloads", 2)]));
        Assert.False(File.Exists(path));
        Assert.True(Plots.Profile(path, "cpu", "time", [Board("three-workloads", 3), Board("one-workload", 1)]));
        Assert.True(File.Exists(path));
    }
}
