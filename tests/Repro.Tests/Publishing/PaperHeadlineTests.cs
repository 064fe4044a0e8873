using Bench.Harness.Results;
using Bench.Harness.Statistics;
using Bench.Harness.Training;
using Bench.Repro.Publishing;

namespace Bench.Repro.Tests.Publishing;

public sealed class PaperHeadlineTests
{
    static TrialRecord Row(string workload, string submission, int seed, double seconds) => new()
    {
        Workload = workload, Scale = "cpu", Submission = submission, Paper = submission == "baseline" ? "baseline" : "one-epoch", Seed = seed,
        Status = double.IsFinite(seconds) ? TrialStatus.Reached : TrialStatus.Missed, Metric = "loss", Target = 2,
        TimeToTargetSeconds = seconds, StepsToTarget = seconds * 10, FinalMetric = 1.9, MachineId = "m", RunId = "run-1",
    };

    static readonly ComparisonContext Context = new((_, _) => Contracts.MetricDirection.Lower, _ => new PaperClaim(5.1, "train-wallclock", false));

    static IReadOnlyList<ComparisonRow> Compare(params TrialRecord[] rows) => ComparisonRow.Build(rows, "baseline", Context);

    [Fact]
    public void The_papers_control_arm_is_never_its_headline_even_when_it_sorts_first()
    {
        var rows = Compare(Row("w", "baseline", 0, 10), Row("w", "baseline", 1, 10),
            Row("w", "many-epochs-subset", 0, double.PositiveInfinity), Row("w", "many-epochs-subset", 1, double.PositiveInfinity),
            Row("w", "one-epoch", 0, 10), Row("w", "one-epoch", 1, 10));

        Assert.Equal("one-epoch", PaperHeadline.Choose("one-epoch", rows, ["many-epochs-subset"])?.Submission);
        Assert.Null(PaperHeadline.Choose("one-epoch", rows.Where(r => r.Submission != "one-epoch"), ["many-epochs-subset"]));
    }

    [Fact]
    public void More_seeds_win_then_the_arm_named_after_the_paper_then_the_workload()
    {
        var rows = Compare(Row("a", "baseline", 0, 10), Row("a", "arm", 0, 9),
            Row("b", "baseline", 0, 10), Row("b", "baseline", 1, 10), Row("b", "arm", 0, 9), Row("b", "arm", 1, 9),
            Row("b", "one-epoch", 0, 8), Row("b", "one-epoch", 1, 8));

        var headline = PaperHeadline.Choose("one-epoch", rows, []);
        Assert.Equal(("b", "one-epoch"), (headline?.Workload, headline?.Submission));
        var withoutIt = PaperHeadline.Choose("one-epoch", rows.Where(r => r.Submission != "one-epoch"), []);
        Assert.Equal(("b", "arm"), (withoutIt?.Workload, withoutIt?.Submission));
    }
}
