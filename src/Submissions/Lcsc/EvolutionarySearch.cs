namespace Bench.Submissions.Lcsc;

/// <summary>
/// The coefficient search of LCSC (Liu et al., arXiv 2404.02241): a (1 + lambda) evolution strategy. Every start
/// is scored; then each generation mutates the best vector so far with Gaussian noise, scores the offspring and
/// keeps the best of parent and offspring. Candidates are projected onto sum = 1 (an affine combination, so the
/// combined weights keep the checkpoints' scale); single coefficients may be negative or above 1.
/// </summary>
public sealed class EvolutionarySearch(int offspring, int generations, double sigma, Random random)
{
    /// <summary>The best coefficients found, their fitness (lower is better) and how many candidates were scored.</summary>
    public sealed record Result(double[] Best, double Fitness, int Evaluations);

    /// <summary>Minimises <paramref name="fitness"/> from <paramref name="starts"/> (each normalised first).</summary>
    public Result Minimize(Func<double[], double> fitness, IReadOnlyList<double[]> starts)
    {
        if (starts.Count == 0) throw new ArgumentException("the search needs at least one start");
        double[] best = [];
        var bestFitness = double.PositiveInfinity;
        var evaluations = 0;
        void Consider(double[] candidate)
        {
            var score = fitness(candidate);
            evaluations++;
            // A diverged candidate (NaN loss) never wins.
            if (score < bestFitness || best.Length == 0) (best, bestFitness) = (candidate, double.IsNaN(score) ? double.PositiveInfinity : score);
        }
        foreach (var start in starts) Consider(Normalize(start));
        for (var g = 0; g < generations; g++)
        {
            var parent = best;
            for (var i = 0; i < offspring; i++)
                Consider(Normalize([.. parent.Select(c => c + sigma * Gaussian())]));
        }
        return new Result(best, bestFitness, evaluations);
    }

    /// <summary>Scales <paramref name="coefficients"/> to sum to 1; a vector summing to (nearly) 0 becomes uniform.</summary>
    public static double[] Normalize(IReadOnlyList<double> coefficients)
    {
        var sum = coefficients.Sum();
        return Math.Abs(sum) < 1e-6
            ? [.. Enumerable.Repeat(1.0 / coefficients.Count, coefficients.Count)]
            : [.. coefficients.Select(c => c / sum)];
    }

    /// <summary>A standard normal draw (Box-Muller), from the search's own generator.</summary>
    double Gaussian()
    {
        var u = 1.0 - random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
