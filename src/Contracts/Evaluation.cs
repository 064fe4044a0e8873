namespace Bench.Contracts;

/// <summary>Metrics measured on the held-out split, by name (e.g. <c>accuracy</c>, <c>loss</c>).</summary>
public sealed record Evaluation(IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>The value of <paramref name="metric"/>; a workload that omits it is a bug.</summary>
    public double this[string metric] => Metrics.TryGetValue(metric, out var v)
        ? v
        : throw new InvalidOperationException($"evaluation has no metric '{metric}' (has: {string.Join(", ", Metrics.Keys)})");
}
