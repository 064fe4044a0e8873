using Bench.Harness.Statistics;

namespace Bench.Harness.Tests.Statistics;

/// <summary>The worked example of the MLPerf Training rules' RCP appendix (benchmark A, 5 submission runs).</summary>
public class ReferenceConvergenceTests
{
    static readonly double[] Batch128 = [16, 14, 16, 17, 16, 16, 15, 16, 15, 16];
    static readonly double[] Batch256 = [20, 21, 21, 20, 22, 22, 21, 21, 20, 20];

    [Fact]
    public void Olympic_mean_and_population_stdev()
    {
        // Drop 14 and 17: [15,15,16,16,16,16,16,16], mean 126/8 = 15.75; deviations −0.75 (x2), +0.25 (x6):
        // Σd² = 1.125 + 0.375 = 1.5, σ = √(1.5/8) = 0.4330.
        var (mean, stdev, count) = ReferenceConvergence.Olympic(Batch128);
        Assert.Equal((15.75, 8), (mean, count));
        Assert.Equal(Math.Sqrt(1.5 / 8), stdev, 12);
    }

    [Fact]
    public void Reference_mean_15_75_allows_a_3_53_percent_speedup_i_e_15_21_epochs()
    {
        // n_ref = 8, n_sub = 5 − 2 = 3, df = 9, t_{0.95,9} = 1.8331:
        // 15.75 − 1.8331 · 0.4330 · √(1/8 + 1/3) = 15.75 − 0.5374 = 15.2126; 15.75 / 15.2126 = 1.0353.
        var minimum = ReferenceConvergence.MinimumAcceptableMean(15.75, Math.Sqrt(1.5 / 8), 8, 5);
        Assert.Equal(15.21, minimum, 2);
        Assert.Equal(1.0353, 15.75 / minimum, 4);
    }

    [Fact]
    public void Batch_256_allows_4_12_percent_i_e_19_93_epochs()
    {
        // Drop one 20 and one 22: mean 166/8 = 20.75, σ = √(3.5/8) = 0.6614;
        // 20.75 − 1.8331 · 0.6614 · 0.6770 = 19.929; 20.75 / 19.929 = 1.0412.
        var (mean, stdev, count) = ReferenceConvergence.Olympic(Batch256);
        var minimum = ReferenceConvergence.MinimumAcceptableMean(mean, stdev, count, 5);
        Assert.Equal(20.75, mean, 12);
        Assert.Equal(19.93, minimum, 2);
        Assert.Equal(1.0412, mean / minimum, 4);
    }

    [Fact]
    public void Submissions_S1_passes_and_S2_is_flagged()
    {
        // S1 at batch 128: [15,15,15,16,16] → olympic mean (15+15+16)/3 = 15.33 > 15.21.
        var s1 = ReferenceConvergence.Check(Batch128, [15, 15, 15, 16, 16])!;
        Assert.Equal(46.0 / 3, s1.SubmissionMean, 12);
        Assert.False(s1.Flagged);
        // S2 at batch 256: [19,19,19,20,21] → 19.33 < 19.93.
        Assert.True(ReferenceConvergence.Check(Batch256, [19, 19, 19, 20, 21])!.Flagged);
    }

    [Fact]
    public void A_non_converged_run_is_trimmed_as_the_slowest_and_two_make_the_set_invalid()
    {
        Assert.NotNull(ReferenceConvergence.Check(Batch128, [15, 15, 15, 16, double.PositiveInfinity]));
        Assert.Null(ReferenceConvergence.Check(Batch128, [15, 15, 16, double.PositiveInfinity, double.PositiveInfinity]));
        Assert.Null(ReferenceConvergence.Check([16, 15], [15, 15, 16])); // too few reference runs to trim
    }
}
