using Bench.Contracts;
using Bench.Harness.Statistics;

namespace Bench.Harness.Tests.Statistics;

public class StudentTTests
{
    [Fact]
    public void Cdf_matches_closed_forms()
    {
        // df = 1 is the Cauchy distribution: F(t) = 1/2 + atan(t)/π, so F(1) = 0.75 exactly.
        Assert.Equal(0.75, StudentT.Cdf(1, 1), 12);
        // df = 2: F(t) = 1/2 + t / (2√(2 + t²)); F(2) = 0.5 + 2/(2√6) = 0.9082483.
        Assert.Equal(0.5 + 1 / Math.Sqrt(6), StudentT.Cdf(2, 2), 12);
        Assert.Equal(0.5, StudentT.Cdf(0, 7), 12);
        Assert.Equal(1 - StudentT.Cdf(1.3, 5), StudentT.Cdf(-1.3, 5), 12);
    }

    [Fact]
    public void Table_values()
    {
        // t-table: t_{0.975, 4} = 2.776, so a two-sided p of 0.05 at t = 2.776 with 4 df.
        Assert.Equal(0.05, StudentT.TwoSidedP(2.776, 4), 4);
        // t_{0.95, 9} = 1.833 (the quantile MLPerf's RCP example uses).
        Assert.Equal(1.833, StudentT.Quantile(0.95, 9), 3);
        // t_{0.995, 10} = 3.169.
        Assert.Equal(3.169, StudentT.Quantile(0.995, 10), 3);
    }

    [Fact]
    public void Target_test_higher_is_better()
    {
        // accuracies 0.60, 0.62, 0.64 vs target 0.59: mean 0.62, s = √((0.02² + 0 + 0.02²)/2) = 0.02,
        // t = 0.03 / (0.02/√3) = 2.598076, df 2: F(t) = 0.5 + t/(2√(2+t²)) = 0.939155, p = 0.060845.
        var test = TargetTest.Run([0.60, 0.62, 0.64], 0.59, MetricDirection.Higher);
        Assert.Equal(0.62, test.Mean, 12);
        Assert.Equal(0.02, test.StandardDeviation, 12);
        Assert.Equal(2.598076, test.T, 6);
        Assert.Equal(0.060845, test.PValue, 6);
        Assert.False(test.MeetsTarget); // a record needs p < 0.01
    }

    [Fact]
    public void Target_test_lower_is_better_flips_the_sign()
    {
        // losses 1.70, 1.80 vs target 1.81: mean 1.75, s = √(0.05² + 0.05²) = 0.0707107,
        // t = (1.81 − 1.75)/(0.0707107/√2) = 1.2, df 1 (Cauchy): F(1.2) = 0.5 + atan(1.2)/π = 0.778858, p = 0.221142.
        var test = TargetTest.Run([1.70, 1.80], 1.81, MetricDirection.Lower);
        Assert.Equal(1.2, test.T, 9);
        Assert.Equal(0.221142, test.PValue, 6);
    }

    [Fact]
    public void Target_test_edge_cases()
    {
        Assert.Equal(0, TargetTest.Run([0.7, 0.7, 0.7], 0.6, MetricDirection.Higher).PValue); // no spread, past the target
        Assert.Equal(1, TargetTest.Run([0.6, 0.6], 0.6, MetricDirection.Higher).PValue);       // exactly at the target is not past it
        Assert.Equal(1, TargetTest.Run([0.7, double.NaN], 0.6, MetricDirection.Higher).PValue); // a diverged seed cannot support the claim
        Assert.True(double.IsNaN(TargetTest.Run([0.7], 0.6, MetricDirection.Higher).PValue));
    }
}
