using Bench.Submissions.Common;
using Bench.Submissions.RandomLtd;

namespace Bench.Submissions.Tests.RandomLtd;

/// <summary>Golden tests of random-LTD's kept-length schedule and its LayerToken learning-rate schedule, by hand.</summary>
public class RandomLtdScheduleTests
{
    [Theory]
    // 64 tokens from 32 over 1000 steps: 32 + 32 t / 1000, rounded down; the window from step 1000 on.
    [InlineData(0, 32)]
    [InlineData(1, 32)]
    [InlineData(31, 32)]
    [InlineData(32, 33)]
    [InlineData(500, 48)]
    [InlineData(999, 63)]
    [InlineData(1000, 64)]
    [InlineData(5000, 64)]
    public void The_kept_length_rises_linearly_from_the_start_to_the_window(long step, int expected) =>
        Assert.Equal(expected, KeptLengthSchedule.At(step, 64, 32, 1000));

    [Theory]
    [InlineData(0, 32)]
    [InlineData(400, 40)] // 44.8 rounded down to a multiple of 8
    [InlineData(999, 56)] // 63.97 -> 56
    [InlineData(1000, 64)]
    public void A_quantum_rounds_the_length_down_to_its_multiple(long step, int expected) =>
        Assert.Equal(expected, KeptLengthSchedule.At(step, 64, 32, 1000, quantum: 8));

    [Fact]
    public void Without_a_ramp_every_token_is_kept_and_the_start_is_a_rounded_share()
    {
        Assert.Equal(64, KeptLengthSchedule.At(0, 64, 32, 0));
        Assert.Equal(32, KeptLengthSchedule.Start(64, 0.5));
        Assert.Equal(1, KeptLengthSchedule.Start(64, 0.001));
        Assert.Equal(64, KeptLengthSchedule.Start(64, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => KeptLengthSchedule.At(0, 64, 65, 10));
    }

    [Fact]
    public void A_steps_layer_tokens_count_dense_layers_at_the_window_and_dropping_ones_at_the_kept_length()
    {
        Assert.Equal(2.0 / 3, LayerTokenSchedule.StepShare(2, 4, 64, 32), 12); // (2 x 64 + 4 x 32) / (6 x 64)
        Assert.Equal(1.0, LayerTokenSchedule.StepShare(2, 4, 64, 64));
        Assert.Equal(1.0, LayerTokenSchedule.StepShare(2, 0, 64, 1));
    }

    [Fact]
    public void With_every_token_kept_the_layer_token_rate_is_exactly_the_baselines_by_steps()
    {
        var schedule = new RandomLtdSchedule(64, 64, 700, 2, 4, 1000);
        Assert.Equal(1000.0, schedule.Horizon);
        for (long step = 0; step < 1100; step++)
            Assert.Equal(WarmupCosine.Factor(step, 1000, 56), schedule.LayerTokenFactor(step, 0.0555556));
    }

    [Fact]
    public void The_layer_token_rate_follows_consumed_layer_tokens_by_hand()
    {
        // 4 tokens from 2 over 4 steps, 2 dense layers and 1 dropping, 6 steps: kept 2, 2, 3, 3, 4, 4; a step's share
        // (8 + kept) / 12 = 10/12, 10/12, 11/12, 11/12, 1, 1; horizon 66/12 = 5.5.
        var schedule = new RandomLtdSchedule(4, 2, 4, 2, 1, 6);
        Assert.Equal([2, 2, 3, 3, 4, 4], Enumerable.Range(0, 6).Select(s => schedule.KeptAt(s)));
        Assert.Equal(5.5, schedule.Horizon, 12);
        Assert.Equal(31.0 / 12, schedule.Done(3), 12);
        // No warmup: step 3 has done 31/12 of 5.5: 0.5 (1 + cos(pi x 31/66)) = 0.547528...
        Assert.Equal(0.5475280216520914, schedule.LayerTokenFactor(3, 0), 12);
        // The same step by steps would be 0.5 (1 + cos(pi x 3/6)) = 0.5: the rate decays later, as fewer tokens were seen.
        Assert.Equal(0.5, WarmupCosine.Factor(3, 6, 0), 12);
        // Warmup of 0.4 x 5.5 = 2.2, rounded to 2 equivalents: step 1 is (10/12 + 10/12) / 2 = 5/6 of the peak; step 2
        // starts at 20/12 < 2, so it ends the warmup at the peak; step 3 starts past it, at (31/12 - 2) / 3.5 of the cosine.
        Assert.Equal(5.0 / 6, schedule.LayerTokenFactor(1, 0.4), 12);
        Assert.Equal(1.0, schedule.LayerTokenFactor(2, 0.4), 12);
        Assert.Equal(0.5 * (1 + Math.Cos(Math.PI * (31.0 / 12 - 2) / 3.5)), schedule.LayerTokenFactor(3, 0.4), 12);
        // Past the budget the rate stays zero.
        Assert.Equal(0.0, schedule.LayerTokenFactor(8, 0), 12);
    }

    [Fact]
    public void At_cpu_deep_the_defaults_keep_32_to_64_tokens_and_the_budget_is_worth_fewer_dense_steps()
    {
        // 64 tokens from 32 over 1050 of 1500 steps, 2 dense and 4 dropping blocks: the horizon is
        // sum over steps of (128 + 4 k) / 384, 1319.375 dense-step equivalents (computed independently, in Python).
        var schedule = new RandomLtdSchedule(64, 32, 1050, 2, 4, 1500);
        Assert.Equal((32, 48, 63, 64), (schedule.KeptAt(0), schedule.KeptAt(525), schedule.KeptAt(1049), schedule.KeptAt(1050)));
        Assert.Equal(1319.375, schedule.Horizon, 9);
    }

    [Fact]
    public void The_factor_is_warmup_then_cosine_on_equivalents_by_hand()
    {
        Assert.Equal(0.5, LayerTokenSchedule.Factor(2, 0.5, 90, 5), 12);
        Assert.Equal(0.5 * (1 + Math.Cos(Math.PI * 5 / 85)), LayerTokenSchedule.Factor(10, 2.0 / 3, 90, 5), 12);
        Assert.Equal(1.0, LayerTokenSchedule.Factor(4.6, 1, 90, 5)); // the warmup never overshoots the peak
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerTokenSchedule.Factor(-1, 1, 90, 5));
    }
}
