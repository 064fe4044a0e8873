namespace Bench.Contracts;

/// <summary>Which way a metric improves.</summary>
public enum MetricDirection
{
    /// <summary>Smaller is better (losses, perplexity).</summary>
    Lower,
    /// <summary>Larger is better (accuracy, MRR).</summary>
    Higher,
}
