using Bench.Contracts;

namespace Bench.Harness.Statistics;

/// <summary>
/// What a comparison needs from outside the trial rows, supplied by the composition root so the
/// harness stays independent of the registries: each workload's metric direction and each paper's claim.
/// </summary>
/// <param name="Direction">Direction of the metric of (workload, scale); rows carry the metric name and target but not its direction.</param>
/// <param name="Claim">The claim of a paper id, or null when unknown.</param>
public sealed record ComparisonContext(Func<string, string, MetricDirection?> Direction, Func<string, PaperClaim?> Claim)
{
    /// <summary>How faithful a submission id is to its paper (unknown ids: faithful).</summary>
    public Func<string, Fidelity> Fidelity { get; init; } = _ => Contracts.Fidelity.Faithful;

    /// <summary>The seeds per arm a run of (workload, scale) uses by default, or null when unknown (shown beside its noise floor).</summary>
    public Func<string, string, int?> DefaultSeeds { get; init; } = (_, _) => null;

    /// <summary>No registries: directions guessed from the metric name, no claims.</summary>
    public static readonly ComparisonContext None = new((_, _) => null, _ => null);

    /// <summary>
    /// Fallback when the workload is unknown (a fake in a test, a retired workload in old rows): losses,
    /// perplexities and error rates fall; everything else (accuracy, MRR, BLEU) rises.
    /// </summary>
    public static MetricDirection GuessDirection(string metric) =>
        metric.Contains("loss", StringComparison.OrdinalIgnoreCase) || metric.Contains("perplexity", StringComparison.OrdinalIgnoreCase)
        || metric.Contains("error", StringComparison.OrdinalIgnoreCase)
            ? MetricDirection.Lower
            : MetricDirection.Higher;
}
