using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.MultistageDataFiltering;

/// <summary>
/// Hyperparameters of multistage data filtering: the warm-up's share of the step budget (stage 0), the window of
/// per-example losses whose mean is the threshold, and the meta-predictor's switch to stage 2 (its mean log-loss over a
/// window of batches). See the card for their sources.
/// </summary>
public sealed record MultistageDataFilteringHyperparameters(
    [property: Range(0.0, 1.0, MinimumIsExclusive = true, MaximumIsExclusive = true,
        ErrorMessage = "warmup_fraction must be in (0, 1): the share of the step budget trained normally before filtering (stage 0)")]
    double WarmupFraction = MultistageDataFilteringSubmission.WarmupFraction,
    [property: Range(1, 1_000_000, ErrorMessage = "threshold_window must be in [1, 1000000]: the last warm-up losses (examples) averaged into the threshold")]
    int ThresholdWindow = MultistageDataFilteringSubmission.ThresholdWindow,
    [property: Range(1, 1_000_000, ErrorMessage = "meta_window must be in [1, 1000000]: the batches over which the meta-predictor's log-loss is averaged")]
    int MetaWindow = MultistageDataFilteringSubmission.MetaWindow,
    [property: Range(0.0, double.MaxValue, MinimumIsExclusive = true,
        ErrorMessage = "meta_loss must be > 0: the meta-predictor's mean log-loss (nats) at or below which stage 2 starts")]
    double MetaLoss = MultistageDataFilteringSubmission.MetaLoss);
