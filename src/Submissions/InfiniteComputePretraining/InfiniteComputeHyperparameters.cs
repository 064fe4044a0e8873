using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.InfiniteComputePretraining;

/// <summary>Hyperparameters of the infinite-compute arms: weight decay multiple of the baseline's and the fixed share of the training split.</summary>
public sealed record InfiniteComputeHyperparameters(
    [property: Range(0, 1000)] double WeightDecayMultiple,
    [property: Range(0.001, 1)] double DataFraction = InfiniteComputeSubmission.DataFraction);
