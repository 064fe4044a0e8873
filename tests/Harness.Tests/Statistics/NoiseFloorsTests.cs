using Bench.Harness.Results;
using Bench.Harness.Statistics;
using Bench.Harness.Training;

namespace Bench.Harness.Tests.Statistics;

public class NoiseFloorsTests
{
    static TrialRecord Row(string run, int seed, double seconds, string submission = "baseline", string workload = "w", DateTime? started = null) => new()
    {
        Workload = workload, Scale = "cpu", Submission = submission, Seed = seed, Status = TrialStatus.Reached, RunId = run,
        TimeToTargetSeconds = seconds, StepsToTarget = seconds * 10, MachineId = "m", StartedUtc = started ?? new DateTime(2026, 1, 1),
    };

    [Fact]
    public void The_floor_comes_from_one_run_never_from_baselines_pooled_across_runs()
    {
        // Two tight runs whose levels differ by 2x: pooled, the spread would be wide; each run alone has a CV of 0.05.
        IReadOnlyList<TrialRecord> rows =
        [
            Row("run-a", 0, 10), Row("run-a", 1, 11), Row("run-a", 2, 10.5),
            Row("run-b", 0, 20), Row("run-b", 1, 22),
            Row("run-a", 0, 5, submission: "fast"),
        ];

        var floor = Assert.Single(NoiseFloors.Of(rows, "baseline"));

        Assert.Equal(("w", "run-a", 3), (floor.Workload, floor.Run, floor.Seeds));
        Assert.Equal(0.0476, floor.CvSeconds, 4);
    }

    [Fact]
    public void Between_runs_of_equal_size_the_newest_is_shown_and_each_workload_has_its_own()
    {
        IReadOnlyList<TrialRecord> rows =
        [
            Row("old", 0, 10), Row("old", 1, 11),
            Row("new", 0, 30, started: new DateTime(2026, 6, 1)), Row("new", 1, 31, started: new DateTime(2026, 6, 1)),
            Row("x", 0, 1, workload: "v"), Row("x", 1, 1.1, workload: "v"),
            Row("lonely", 0, 1, workload: "u"),
        ];

        var floors = NoiseFloors.Of(rows, "baseline");

        Assert.Equal(["v:x", "w:new"], floors.Select(f => $"{f.Workload}:{f.Run}"));
    }
}
