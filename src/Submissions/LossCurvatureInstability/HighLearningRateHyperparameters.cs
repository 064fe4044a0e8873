using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.LossCurvatureInstability;

/// <summary>Hyperparameters of the high-rate submissions: the peak rate as a multiple of the baseline's, and the warmup share.</summary>
public sealed record HighLearningRateHyperparameters(
    [property: Range(0.01, 100)] double RateMultiple = HighLearningRateSubmission.RateMultiple,
    [property: Range(0, 1)] double WarmupFraction = HighLearningRateSubmission.WarmupFraction);
