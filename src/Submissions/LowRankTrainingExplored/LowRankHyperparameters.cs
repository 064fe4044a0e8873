using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.LowRankTrainingExplored;

/// <summary>
/// Hyperparameters of low-rank training: each factorised layer's rank as a fraction of its smaller dimension, spectral
/// initialisation (truncated SVD of the dense layer's initial weight) or plain random factors, and whether the attention
/// projections are factorised besides the feed-forward layers.
/// </summary>
public sealed record LowRankHyperparameters(
    [property: Range(0.0, 1.0, MinimumIsExclusive = true,
        ErrorMessage = "rank_fraction must be in (0, 1]: the rank as a fraction of each layer's smaller dimension (0.5 halves it, 1 keeps full rank)")]
    double RankFraction = LowRankSubmission.RankFraction,
    bool SpectralInit = true,
    bool FactoriseAttention = false);
