using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.Lcsc;

/// <summary>
/// Hyperparameters of LCSC: checkpoints combined, checkpoint interval, held-out share and batches, BatchNorm batches, and the evolutionary search's size.
/// </summary>
public sealed record LcscHyperparameters(
    [property: Range(1, 1000)] int Checkpoints,
    [property: Range(1, long.MaxValue)] long IntervalSteps,
    [property: Range(0.001, 0.5)] double HeldOutFraction = LcscSubmission.HeldOutFraction,
    [property: Range(1, 1000)] int HeldOutBatches = LcscSubmission.HeldOutBatches,
    [property: Range(0, 100)] int BatchNormBatches = LcscSubmission.BatchNormBatches,
    [property: Range(1, 1000)] int Offspring = LcscSubmission.Offspring,
    [property: Range(1, 1000)] int Generations = LcscSubmission.Generations,
    [property: Range(0, 10)] double Sigma = LcscSubmission.Sigma);
