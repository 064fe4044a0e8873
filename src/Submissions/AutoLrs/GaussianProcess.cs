namespace Bench.Submissions.AutoLrs;

/// <summary>
/// A one-dimensional Gaussian process (squared-exponential kernel, observation noise) over log10 of the learning
/// rate: AutoLRS's surrogate of "loss after the stage" as a function of the rate. Observations are standardised,
/// so the kernel's unit signal variance fits any loss scale. Exact inference by Cholesky (a handful of points).
/// </summary>
public sealed class GaussianProcess
{
    readonly double lengthScale;
    readonly double[] xs;
    readonly double mean, scale;
    readonly double[] alpha;
    readonly double[,] cholesky;

    /// <param name="xs">Observed inputs (log10 rates).</param>
    /// <param name="ys">Observed values (forecast losses).</param>
    /// <param name="lengthScale">Kernel length scale, in decades of rate.</param>
    /// <param name="noise">Observation noise variance, relative to the standardised signal.</param>
    public GaussianProcess(IReadOnlyList<double> xs, IReadOnlyList<double> ys, double lengthScale = 0.5, double noise = 1e-2)
    {
        if (xs.Count == 0 || xs.Count != ys.Count) throw new ArgumentException("a GP needs one or more (x, y) pairs of matching length");
        this.xs = [.. xs];
        this.lengthScale = lengthScale;
        mean = ys.Average();
        var spread = Math.Sqrt(ys.Sum(y => (y - mean) * (y - mean)) / ys.Count);
        scale = spread > 1e-12 ? spread : 1;
        var n = xs.Count;
        var k = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                k[i, j] = Kernel(xs[i], xs[j]) + (i == j ? noise : 0);
        cholesky = Cholesky(k);
        alpha = SolveCholesky(cholesky, [.. ys.Select(y => (y - mean) / scale)]);
    }

    /// <summary>Posterior mean and standard deviation at <paramref name="x"/>, in the units of the observations.</summary>
    public (double Mean, double StdDev) Predict(double x)
    {
        var n = xs.Length;
        var kStar = new double[n];
        for (var i = 0; i < n; i++) kStar[i] = Kernel(x, xs[i]);
        var mu = 0.0;
        for (var i = 0; i < n; i++) mu += kStar[i] * alpha[i];
        var v = ForwardSubstitute(cholesky, kStar);
        var variance = Math.Max(1e-12, 1 - v.Sum(e => e * e));
        return (mean + scale * mu, scale * Math.Sqrt(variance));
    }

    /// <summary>
    /// The point of <paramref name="grid"/> with the lowest lower confidence bound mean - kappa * sd: low predicted
    /// loss, or high uncertainty (GP-LCB; kappa 2 explores early and exploits once the posterior is tight).
    /// </summary>
    public double ProposeMinimum(IReadOnlyList<double> grid, double kappa = 2)
    {
        var best = grid[0];
        var bestBound = double.PositiveInfinity;
        foreach (var x in grid)
        {
            var (mu, sd) = Predict(x);
            var bound = mu - kappa * sd;
            if (bound < bestBound) (best, bestBound) = (x, bound);
        }
        return best;
    }

    double Kernel(double a, double b) => Math.Exp(-0.5 * (a - b) * (a - b) / (lengthScale * lengthScale));

    static double[,] Cholesky(double[,] a)
    {
        var n = a.GetLength(0);
        var l = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                l[i, j] = i == j ? Math.Sqrt(Math.Max(sum, 1e-12)) : sum / l[j, j];
            }
        return l;
    }

    static double[] ForwardSubstitute(double[,] l, double[] b)
    {
        var n = b.Length;
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++) sum -= l[i, k] * y[k];
            y[i] = sum / l[i, i];
        }
        return y;
    }

    static double[] SolveCholesky(double[,] l, double[] b)
    {
        var y = ForwardSubstitute(l, b);
        var n = b.Length;
        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < n; k++) sum -= l[k, i] * x[k];
            x[i] = sum / l[i, i];
        }
        return x;
    }
}
