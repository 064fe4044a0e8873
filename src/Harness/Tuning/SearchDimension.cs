namespace Bench.Harness.Tuning;

/// <summary>
/// One hyperparameter's range in a search space: a continuous interval on a linear or log scale, or a discrete set of
/// feasible points (AlgoPerf's <c>tuning_search_space.json</c> entries). <see cref="Relative"/> (our extension) means
/// the numbers are multiples of the submission's default on the workload being tuned.
/// </summary>
public sealed record SearchDimension(string Name, double Min, double Max, bool Log, IReadOnlyList<double>? FeasiblePoints, bool Relative)
{
    /// <summary>The value at <paramref name="u"/> in [0, 1): interpolated on the dimension's scale, or the u-th feasible point.</summary>
    public double At(double u, double defaultValue)
    {
        var factor = Relative ? defaultValue : 1;
        if (FeasiblePoints is { } points) return factor * points[Math.Min(points.Count - 1, (int)(u * points.Count))];
        var value = Log ? Math.Exp(Math.Log(Min) + u * (Math.Log(Max) - Math.Log(Min))) : Min + u * (Max - Min);
        return factor * value;
    }

    /// <summary><paramref name="levels"/> evenly spaced values on the dimension's scale (its feasible points for a discrete set).</summary>
    public IReadOnlyList<double> Grid(int levels, double defaultValue) => FeasiblePoints is { } points
        ? [.. points.Select(p => (Relative ? defaultValue : 1) * p)]
        : [.. Enumerable.Range(0, levels).Select(i => At(levels == 1 ? 0.5 : i / (double)(levels - 1) * (1 - 1e-12), defaultValue))];
}
