using Bench.Submissions.Common;

namespace Bench.Submissions.Tests.Common;

public class LrRangeTestTests
{
    [Fact]
    public void Rates_grow_geometrically_from_min_to_max()
    {
        Assert.Equal(1e-3, LrRangeTest.Rate(0, 5, 1e-3, 10), 12);
        Assert.Equal(1e-2, LrRangeTest.Rate(1, 5, 1e-3, 10), 12);   // 1e-3 * (1e4)^(1/4)
        Assert.Equal(10, LrRangeTest.Rate(4, 5, 1e-3, 10), 9);
    }

    [Fact]
    public void Smoothing_is_bias_corrected()
    {
        // beta 0.5: averages 0.5*3 = 1.5 -> /0.5 = 3; 0.5*1.5 + 0.5*1 = 1.25 -> /0.75 = 5/3
        var smoothed = LrRangeTest.Smooth([3, 1], 0.5);
        Assert.Equal(3, smoothed[0], 12);
        Assert.Equal(5.0 / 3, smoothed[1], 12);
    }

    [Fact]
    public void Peak_is_the_rate_where_the_smoothed_loss_bottoms_out()
    {
        double[] rates = [0.001, 0.01, 0.1, 1, 10];
        double[] losses = [2.3, 2.0, 1.2, 3.0, double.NaN];   // diverges at the top: the NaN is skipped
        // 5 probe steps: smoothing 0 (window of a tenth of the probe), so the raw minimum at 0.1 wins.
        Assert.Equal(0.1, LrRangeTest.PickPeak(rates, losses), 12);
        Assert.Equal(0.025, LrRangeTest.PickPeak(rates, losses, safety: 4), 12);
    }

    [Fact]
    public void Mismatched_inputs_fail_clearly() =>
        Assert.Throws<ArgumentException>(() => LrRangeTest.PickPeak([0.1, 1], [1.0]));
}
