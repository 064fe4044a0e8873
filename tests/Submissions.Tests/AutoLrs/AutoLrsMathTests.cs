using Bench.Submissions.AutoLrs;

namespace Bench.Submissions.Tests.AutoLrs;

public class AutoLrsMathTests
{
    [Fact]
    public void The_forecaster_recovers_an_exact_exponential_and_extrapolates_it()
    {
        var series = Enumerable.Range(1, 15).Select(t => 2 * Math.Exp(-0.1 * t) + 1).ToList();
        var fit = ExponentialForecast.FitSeries(series);
        Assert.Equal(2, fit.A, 2);
        Assert.Equal(0.1, fit.B, 2);
        Assert.Equal(1, fit.C, 2);
        Assert.Equal(1 + 2 * Math.Exp(-15), ExponentialForecast.Forecast(series, 150), 2);
    }

    [Fact]
    public void A_rising_series_forecasts_higher_and_a_diverged_one_forecasts_infinity()
    {
        var rising = Enumerable.Range(1, 10).Select(t => 2 + 0.05 * t).ToList();
        Assert.True(ExponentialForecast.Forecast(rising, 100) > rising[^1]);
        Assert.Equal(double.PositiveInfinity, ExponentialForecast.Forecast([2, 3, double.NaN], 10));
        Assert.Throws<ArgumentException>(() => ExponentialForecast.FitSeries([1, 2]));
    }

    [Fact]
    public void The_gaussian_process_interpolates_its_observations_and_is_uncertain_far_from_them()
    {
        var gp = new GaussianProcess([-3, -2], [2.0, 1.0], lengthScale: 0.5, noise: 1e-6);
        var (atFirst, sdFirst) = gp.Predict(-3);
        Assert.Equal(2.0, atFirst, 3);
        Assert.True(sdFirst < 1e-2);
        var (far, sdFar) = gp.Predict(1);
        Assert.Equal(1.5, far, 3);                               // the prior mean: the observations' average
        Assert.Equal(0.5, sdFar, 2);                             // the prior spread: their standard deviation
    }

    [Fact]
    public void Lower_confidence_bound_proposals_exploit_without_kappa_and_explore_with_it()
    {
        var gp = new GaussianProcess([-3, -2.5, -2], [1.0, 1.2, 2.0]);
        double[] grid = [.. Enumerable.Range(0, 41).Select(i => -4 + i * 0.1)];
        var exploit = gp.ProposeMinimum(grid, kappa: 0);
        Assert.InRange(exploit, -3.6, -2.8);                     // near the best observation
        var explore = gp.ProposeMinimum(grid, kappa: 10);
        Assert.True(explore > -1.5 || explore < -3.8, $"kappa 10 should go where nothing was tried, went to {explore}");
    }
}
