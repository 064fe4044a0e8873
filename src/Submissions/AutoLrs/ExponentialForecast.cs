namespace Bench.Submissions.AutoLrs;

/// <summary>
/// AutoLRS's loss forecaster: fits L(t) = a * exp(-b * t) + c to a short loss series and extrapolates it to the
/// end of the stage. For each b of a log-spaced grid, (a, c) is the least-squares line in exp(-b t); the b with
/// the smallest residual wins. A series that rises (a diverging rate) fits a negative a and forecasts high.
/// </summary>
public static class ExponentialForecast
{
    /// <summary>The fitted curve's parameters.</summary>
    public sealed record Fit(double A, double B, double C)
    {
        /// <summary>The curve's value at step <paramref name="t"/>.</summary>
        public double At(double t) => A * Math.Exp(-B * t) + C;
    }

    /// <summary>Fits <paramref name="losses"/> (loss after step 1, 2, ...); non-finite losses make the fit infinite.</summary>
    public static Fit FitSeries(IReadOnlyList<double> losses)
    {
        if (losses.Count < 3) throw new ArgumentException("the forecaster needs at least 3 losses");
        if (losses.Any(l => !double.IsFinite(l))) return new Fit(0, 0, double.PositiveInfinity);
        var ts = Enumerable.Range(1, losses.Count).Select(i => (double)i).ToArray();
        Fit? best = null;
        var bestResidual = double.PositiveInfinity;
        // b from 1e-4 to 1 per step: from "barely decaying over the stage" to "settled within a few steps".
        for (var e = -4.0; e <= 0.0001; e += 0.05)
        {
            var b = Math.Pow(10, e);
            var u = ts.Select(t => Math.Exp(-b * t)).ToArray();
            var (a, c) = LeastSquaresLine(u, losses);
            var residual = 0.0;
            for (var i = 0; i < u.Length; i++) residual += Math.Pow(a * u[i] + c - losses[i], 2);
            if (residual < bestResidual) (best, bestResidual) = (new Fit(a, b, c), residual);
        }
        return best!;
    }

    /// <summary>The loss the series forecasts at step <paramref name="horizon"/>.</summary>
    public static double Forecast(IReadOnlyList<double> losses, double horizon) => FitSeries(losses).At(horizon);

    static (double Slope, double Intercept) LeastSquaresLine(double[] u, IReadOnlyList<double> y)
    {
        var n = u.Length;
        var mu = u.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0;
        for (var i = 0; i < n; i++) { sxy += (u[i] - mu) * (y[i] - my); sxx += (u[i] - mu) * (u[i] - mu); }
        var slope = sxx < 1e-15 ? 0 : sxy / sxx;
        return (slope, my - slope * mu);
    }
}
