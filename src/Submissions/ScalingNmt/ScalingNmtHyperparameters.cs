using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.ScalingNmt;

/// <summary>Hyperparameters of scaling-nmt: batch multiple over the baseline, rate multiple, Adam beta2.</summary>
public sealed record ScalingNmtHyperparameters(
    [property: Range(1, 1024)] int BatchMultiple = ScalingNmtSubmission.BatchMultiple,
    [property: Range(0.01, 100)] double RateMultiple = 2,
    [property: Range(0, 0.99999)] double Beta2 = ScalingNmtSubmission.Beta2);
