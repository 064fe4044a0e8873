using Bench.Contracts;
using Bench.Harness.Results;
using Bench.Harness.Training;
using Bench.Repro.Execution;
using Bench.Submissions.Papers;

namespace Bench.Repro.Tests.Execution;

/// <summary>The registries as the harness sees them: claims from papers.csv, directions from the workloads.</summary>
public class ComparisonsTests
{
    [Fact]
    public void Partial_feasibility_makes_a_wallclock_claim_judged_on_steps()
    {
        var paper = PaperRegistry.All.First(p => p.Feasible == "partial" && p.ClaimKind == "train-wallclock" && p.ClaimFactor is not null);
        var claim = Comparisons.Claim(paper.Id)!;
        Assert.Equal((paper.ClaimFactor, "train-wallclock", true, true), (claim.Factor, claim.Kind, claim.HardwareDependent, claim.JudgedOnSteps));
        Assert.Null(Comparisons.Claim("no-such-paper"));
    }

    [Fact]
    public void Directions_come_from_the_workload_targets()
    {
        Assert.Equal(MetricDirection.Higher, Comparisons.Context.Direction("modadd", "cpu"));
        Assert.Equal(MetricDirection.Lower, Comparisons.Context.Direction("tinyshakespeare", "cpu"));
        Assert.Null(Comparisons.Context.Direction("no-such-workload", "cpu"));
    }

    static TrialRecord Row(string submission, int seed, double seconds, double best) => new()
    {
        Workload = "tinyshakespeare", Scale = "cpu", Submission = submission, Paper = "one-epoch", Seed = seed, MachineId = "m",
        Metric = "loss", Target = 1.81, BestMetric = best, FinalMetric = best,
        Status = double.IsFinite(seconds) ? TrialStatus.Reached : TrialStatus.Missed,
        TimeToTargetSeconds = seconds, StepsToTarget = double.IsFinite(seconds) ? seconds * 10 : double.PositiveInfinity,
    };

    [Fact]
    public void A_submission_with_a_paper_control_is_compared_with_that_control_and_reports_its_best_metric()
    {
        // one-epoch reaches in 50 s; its control misses on every seed; the baseline takes 100 s.
        var rows = Enumerable.Range(0, 3).SelectMany(seed => new[]
        {
            Row("one-epoch", seed, 50, 1.78),
            Row("many-epochs-subset", seed, double.PositiveInfinity, 2.10),
            Row("baseline", seed, 100, 1.80) with { Paper = "baseline" },
        }).ToList();

        var againstControl = Assert.Single(Comparisons.AgainstPaperControls(rows));
        Assert.Equal("one-epoch", againstControl.Submission);
        Assert.True(double.IsPositiveInfinity(againstControl.TimeSpeedup.Value), "the control never reached: an unbounded speedup");
        Assert.Equal(1.78, againstControl.MedianBestMetric, 9);

        var againstBaseline = Comparisons.Build(rows).Single(r => r.Submission == "one-epoch");
        Assert.Equal(2.0, againstBaseline.TimeSpeedup.Value, 9);
    }
}
