using Bench.Contracts;
using Bench.Submissions.GrowLength;

namespace Bench.Submissions.Tests.GrowLength;

/// <summary>Golden tests of the context-length schedule: lengths at the stage boundaries, and every bad schedule refused.</summary>
public class LengthScheduleTests
{
    [Fact]
    public void The_default_schedule_at_cpu_scale_trains_8_16_32_then_64_tokens_switching_at_12_5_25_and_50_percent_of_1500_steps()
    {
        var schedule = LengthSchedule.Parse(64, GrowLengthSubmission.ContextDivisors, GrowLengthSubmission.StageEnds, 1500);

        Assert.Equal([8, 16, 32, 64], schedule.Lengths);
        // 0.125 x 1500 = 187.5 rounds away from zero to 188; 375 and 750 exactly.
        Assert.Equal([0L, 188L, 375L, 750L], schedule.StageStarts);
        foreach (var (step, length) in new (long, int)[] { (0, 8), (187, 8), (188, 16), (374, 16), (375, 32), (749, 32), (750, 64), (1499, 64), (5000, 64) })
            Assert.Equal(length, schedule.LengthAt(step));
        Assert.Equal(8, schedule.PiecesAt(0));
        Assert.Equal(1, schedule.PiecesAt(750));
    }

    [Fact]
    public void A_single_full_length_stage_is_the_workloads_own_windows()
    {
        var schedule = LengthSchedule.Parse(32, "1", "", 300);
        Assert.Equal([32], schedule.Lengths);
        Assert.Equal(1, schedule.PiecesAt(0));
    }

    [Theory]
    [InlineData("8,3,1", "0.2,0.5", "3 does not divide the context 64")]
    [InlineData("128,2,1", "0.2,0.5", "128 does not divide the context 64")]
    [InlineData("0,2,1", "0.2,0.5", "0 does not divide the context 64")]
    [InlineData("4,4,1", "0.2,0.5", "must fall strictly")]
    [InlineData("2,4,1", "0.2,0.5", "must fall strictly")]
    [InlineData("8,4,2", "0.2,0.5", "must end with 1")]
    [InlineData("8,x,1", "0.2,0.5", "comma-separated list of numbers")]
    [InlineData("8,2,1", "0.5", "one fraction of the step budget for each stage but the last")]
    [InlineData("8,2,1", "0.5,0.25", "must rise strictly within (0, 1)")]
    [InlineData("8,2,1", "0,0.5", "must rise strictly within (0, 1)")]
    [InlineData("8,2,1", "0.5,1", "must rise strictly within (0, 1)")]
    public void A_bad_schedule_is_a_config_error_naming_the_rule(string divisors, string ends, string message)
    {
        var error = Assert.Throws<ConfigException>(() => LengthSchedule.Parse(64, divisors, ends, 1500));
        Assert.Contains(message, error.Message);
        Assert.Contains("growlength's", error.Message);
    }
}
