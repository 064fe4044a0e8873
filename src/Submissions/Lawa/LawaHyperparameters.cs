using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.Lawa;

/// <summary>Hyperparameters of LAWA: checkpoints averaged, checkpoint interval in steps, BatchNorm re-estimation batches.</summary>
public sealed record LawaHyperparameters(
    [property: Range(1, 1000)] int Checkpoints,
    [property: Range(1, long.MaxValue)] long IntervalSteps,
    [property: Range(0, 100)] int BatchNormBatches);
