using Bench.Harness.Statistics;

namespace Bench.Harness.Tests.Statistics;

public class ClaimTests
{
    static SpeedupEstimate S(double value, double lower, double upper) => new(value, lower, upper);

    static readonly PaperClaim Wallclock2x = new(2.0, "train-wallclock", HardwareDependent: false);

    [Theory]
    // FSR = (1 − 1/s_measured)/(1 − 1/s_claimed). 1.5x of a 2x claim: (1 − 2/3)/(1/2) = 2/3, the same as
    // times: baseline 60 s, record 30 s, candidate 40 s → (60 − 40)/(60 − 30) = 20/30.
    [InlineData(1.5, 2.0, 2.0 / 3)]
    [InlineData(2.0, 2.0, 1.0)]
    [InlineData(1.0, 2.0, 0.0)]
    [InlineData(0.8, 2.0, -0.5)]   // (1 − 1.25)/0.5
    [InlineData(4.0, 2.0, 1.5)]    // (1 − 0.25)/0.5: beats the claim
    [InlineData(1.2, 1.1, 11.0 / 6)] // (1 − 1/1.2)/(1 − 1/1.1) = (1/6)/(1/11) = 11/6
    public void Fraction_of_speedup_recovered(double measured, double claimed, double expected) =>
        Assert.Equal(expected, SpeedupRecovered.Fraction(measured, claimed), 9);

    [Fact]
    public void Fsr_without_a_gain_to_recover_is_nan_and_a_miss_is_minus_infinity()
    {
        Assert.True(double.IsNaN(SpeedupRecovered.Fraction(1.5, null)));
        Assert.True(double.IsNaN(SpeedupRecovered.Fraction(1.5, 1.0)));
        Assert.Equal(double.NegativeInfinity, SpeedupRecovered.Fraction(0, 2.0));
    }

    [Theory]
    [InlineData(2.2, 2.0, 2.5, VerdictKind.Reproduced)]        // lower bound reaches the claim
    [InlineData(1.8, 1.2, 2.4, VerdictKind.FasterBelowClaim)]  // above 1, below 2x (the claim inside the CI is not enough)
    [InlineData(1.1, 0.9, 1.3, VerdictKind.NoSpeedup)]         // CI includes 1
    [InlineData(1.0, 1.0, 1.0, VerdictKind.NoSpeedup)]         // identical samples: lower = 1 is not > 1
    [InlineData(0.7, 0.6, 0.9, VerdictKind.Slower)]            // CI entirely below 1
    public void Verdict_against_a_claimed_factor(double value, double lower, double upper, VerdictKind expected)
    {
        var verdict = Verdict.Judge(S(value, lower, upper), S(1, 1, 1), candidateMissed: false, 5, 5, Wallclock2x);
        Assert.Equal(expected, verdict.Kind);
        Assert.Equal("time", verdict.Basis);
    }

    [Fact]
    public void A_missed_median_fails_and_a_missed_baseline_is_not_applicable()
    {
        Assert.Equal(VerdictKind.Failed, Verdict.Judge(S(0, 0, 0.5), S(0, 0, 0.5), true, 1, 3, Wallclock2x).Kind);
        var noBaseline = Verdict.Judge(S(double.NaN, double.NaN, double.NaN), S(double.NaN, double.NaN, double.NaN), false, 3, 3, Wallclock2x);
        Assert.Equal((VerdictKind.NotApplicable, "the baseline's median missed the target"), (noBaseline.Kind, noBaseline.Reason));
    }

    [Fact]
    public void Step_claims_and_hardware_dependent_claims_are_judged_on_steps()
    {
        var time = S(0.9, 0.8, 1.0);
        var steps = S(2.5, 2.1, 3.0);
        var stepClaim = Verdict.Judge(time, steps, false, 5, 5, new PaperClaim(2.0, "train-steps", false));
        Assert.Equal((VerdictKind.Reproduced, "steps"), (stepClaim.Kind, stepClaim.Basis));

        var hardware = Verdict.Judge(time, steps, false, 5, 5, new PaperClaim(2.0, "train-wallclock", HardwareDependent: true));
        Assert.Equal(VerdictKind.Reproduced, hardware.Kind);
        Assert.StartsWith("judged on steps (hardware-dependent claim)", hardware.Reason);
    }

    [Fact]
    public void Without_a_factor_only_claim_free_facts_are_stated()
    {
        var faster = Verdict.Judge(S(1.5, 1.2, 1.8), S(1, 1, 1), false, 5, 5, new PaperClaim(null, "train-wallclock", false));
        Assert.Equal((VerdictKind.NotApplicable, "no claimed factor; faster than the baseline"), (faster.Kind, faster.Reason));
        Assert.Equal(VerdictKind.Slower, Verdict.Judge(S(0.5, 0.4, 0.6), S(1, 1, 1), false, 5, 5, new PaperClaim(null, "train-wallclock", false)).Kind);
        var quality = Verdict.Judge(S(1.0, 0.9, 1.1), S(1, 1, 1), false, 5, 5, new PaperClaim(3.0, "inference-latency", false));
        Assert.Equal((VerdictKind.NoSpeedup, "claim is inference-latency, not a training speedup"), (quality.Kind, quality.Reason));
    }

    [Fact]
    public void A_flop_claim_is_judged_on_flops_where_the_rows_have_them_and_on_steps_where_they_do_not()
    {
        var time = S(0.8, 0.7, 0.9);
        var steps = S(0.95, 0.9, 1.05);
        var flops = S(1.45, 1.35, 1.6);
        var claim = new PaperClaim(1.3, "train-flops", false);

        var onFlops = Verdict.Judge(time, steps, false, 5, 5, claim, flops);
        var unknown = Verdict.Judge(time, steps, false, 5, 5, claim, S(double.NaN, double.NaN, double.NaN));
        var noFactor = Verdict.Judge(time, steps, false, 5, 5, claim with { Factor = null }, flops);

        Assert.Equal((VerdictKind.Reproduced, Verdict.FlopsBasis), (onFlops.Kind, onFlops.Basis));
        Assert.StartsWith("judged on FLOPs (train-flops claim)", onFlops.Reason);
        Assert.Equal((VerdictKind.NoSpeedup, "steps"), (unknown.Kind, unknown.Basis));
        Assert.Equal((VerdictKind.NotApplicable, "judged on FLOPs (train-flops claim); no claimed factor; faster than the baseline"),
            (noFactor.Kind, noFactor.Reason));
    }
}
