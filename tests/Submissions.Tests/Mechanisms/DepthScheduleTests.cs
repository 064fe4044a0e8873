using Bench.Contracts;
using Bench.Submissions.Mechanisms;

namespace Bench.Submissions.Tests.Mechanisms;

/// <summary>The staged depth schedule at its boundaries, and the schedules it refuses.</summary>
public class DepthScheduleTests
{
    [Fact]
    public void Six_blocks_in_three_stages_grow_two_at_a_time_at_a_quarter_and_half_of_the_budget()
    {
        var schedule = new DepthSchedule("x", blocks: 6, stages: 3, fullDepthStep: 750, rampSteps: 0, budgetSteps: 1500);

        Assert.Equal([0L, 375L, 750L], schedule.StageStarts);
        Assert.Equal([2, 4, 6], schedule.StageDepths);
        Assert.Equal(2, schedule.DepthAt(0));
        Assert.Equal(2, schedule.DepthAt(374));
        Assert.Equal(4, schedule.DepthAt(375));
        Assert.Equal(4, schedule.DepthAt(749));
        Assert.Equal(6, schedule.DepthAt(750));
        Assert.Equal(6, schedule.DepthAt(1499));
        Assert.Equal([0L, 0L, 375L, 375L, 750L, 750L], Enumerable.Range(0, 6).Select(schedule.AddedAt));
        // Without a ramp a block is fully on from the step it is added.
        Assert.Equal(0, schedule.GateAt(2, 374));
        Assert.Equal(1, schedule.GateAt(2, 375));
        Assert.Equal(0, schedule.GateAt(5, 749));
        Assert.Equal(1, schedule.GateAt(5, 750));
    }

    [Fact]
    public void A_ramped_gate_is_zero_at_the_growth_and_rises_linearly_to_one()
    {
        var schedule = new DepthSchedule("x", blocks: 6, stages: 3, fullDepthStep: 750, rampSteps: 75, budgetSteps: 1500);

        Assert.Equal(1, schedule.GateAt(0, 0)); // the first stage's blocks do not ramp
        Assert.Equal(1, schedule.GateAt(1, 0));
        Assert.Equal(0, schedule.GateAt(3, 374));
        Assert.Equal(0, schedule.GateAt(3, 375));
        Assert.Equal(1.0 / 75, schedule.GateAt(3, 376), 12);
        Assert.Equal(37.0 / 75, schedule.GateAt(3, 412), 12);
        Assert.Equal(1, schedule.GateAt(3, 450));
        Assert.Equal(1, schedule.GateAt(3, 1000));
        Assert.Equal(0, schedule.GateAt(4, 750));
        Assert.Equal(1, schedule.GateAt(4, 825));
    }

    [Fact]
    public void Stages_that_do_not_divide_the_blocks_round_each_depth_up()
    {
        var schedule = new DepthSchedule("x", blocks: 6, stages: 4, fullDepthStep: 750, rampSteps: 0, budgetSteps: 1500);

        Assert.Equal([2, 3, 5, 6], schedule.StageDepths);
        Assert.Equal([0L, 250L, 500L, 750L], schedule.StageStarts);
        Assert.Equal(3, schedule.DepthAt(499));
        Assert.Equal(5, schedule.DepthAt(500));
    }

    [Theory]
    [InlineData(6, 1, 750, 0, "stages must be in [2, 6]")]
    [InlineData(6, 7, 750, 0, "stages must be in [2, 6]")]
    [InlineData(1, 2, 750, 0, "at least 2")]
    [InlineData(6, 3, 1500, 0, "growth_fraction must be below 1")]
    [InlineData(6, 6, 3, 0, "every stage needs at least one step")]
    [InlineData(6, 3, 750, 376, "ramp_fraction gives a ramp of 376 steps")]
    [InlineData(6, 3, 1400, 150, "ramp_fraction gives a ramp of 150 steps")]
    [InlineData(6, 3, 750, -1, "ramp_fraction must be >= 0")]
    public void A_schedule_that_cannot_run_is_a_config_error_naming_the_hyperparameter(int blocks, int stages, long fullDepth, long ramp, string message)
    {
        var error = Assert.Throws<ConfigException>(() => new DepthSchedule("grower", blocks, stages, fullDepth, ramp, 1500));
        Assert.Contains(message, error.Message);
        Assert.StartsWith("grower", error.Message);
    }

    [Fact]
    public void The_longest_ramp_a_stage_allows_is_accepted()
    {
        var schedule = new DepthSchedule("x", blocks: 6, stages: 3, fullDepthStep: 750, rampSteps: 375, budgetSteps: 1500);
        Assert.Equal(1, schedule.GateAt(2, 750));
        Assert.Equal(0, schedule.GateAt(4, 750));
    }
}
