using Bench.Harness.Results;
using Bench.Harness.Statistics;
using Bench.Harness.Training;

namespace Bench.Harness.Tests.Statistics;

public class NoiseFloorTests
{
    static TrialRecord Row(int seed, double seconds, double steps) => new()
    {
        Workload = "w", Scale = "cpu", Submission = "baseline", Seed = seed, Status = TrialStatus.Reached,
        TimeToTargetSeconds = seconds, StepsToTarget = steps,
    };

    [Fact]
    public void Spread_mds_and_the_aa_split_by_seed_parity_are_computed_by_hand()
    {
        // Times 10, 20, 10, 20: mean 15, sample sd = sqrt(4 * 25 / 3) = 5.7735, CV 0.3849.
        // Steps 100 each: no spread, MDS 1x. Even seeds (10, 10) against odd (20, 20): A/A 0.5x in time.
        NoiseFloor floor = NoiseFloor.Of([Row(0, 10, 100), Row(1, 20, 100), Row(2, 10, 100), Row(3, 20, 100)], "run-x");

        Assert.Equal(4, floor.Seeds);
        Assert.Equal(0.3849, floor.CvSeconds, 4);
        Assert.Equal(0.0, floor.CvSteps);
        Assert.Equal(1.0, floor.MdsSteps(5));
        // log sd: logs ln10, ln20 alternating, deviations ±ln2/2: sd = sqrt((ln 2)^2 / 3) = 0.693147 / 1.732051 = 0.400189.
        Assert.Equal(0.400189, floor.LogSdSeconds, 6);
        Assert.Equal(MinimumDetectableSpeedup.Of(0.400189, 5), floor.MdsSeconds(5), 4);
        Assert.Equal(0.5, floor.AaTime.Value, 9);
    }

    [Fact]
    public void A_missed_seed_leaves_the_spread_unknown_and_no_seed_count_meets_the_goals()
    {
        var floor = NoiseFloor.Of([Row(0, 10, 100), Row(1, double.PositiveInfinity, double.PositiveInfinity)], "r");

        Assert.True(double.IsNaN(floor.CvSeconds));
        Assert.Null(floor.SeedsForGoals);
    }

    [Fact]
    public void A_small_spread_meets_both_goals_with_few_seeds()
    {
        var floor = NoiseFloor.Of([.. Enumerable.Range(0, 6).Select(i => Row(i, 10 + i % 2 * 0.2, 100 + i % 2))], "r");

        Assert.NotNull(floor.SeedsForGoals);
        Assert.True(floor.SeedsForGoals <= 3);
    }
}
