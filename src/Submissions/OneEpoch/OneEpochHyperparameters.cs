using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.OneEpoch;

/// <summary>Hyperparameters of the one-epoch arms: dropout, weight decay multiple of the baseline's, and the share of the training split trained on.</summary>
public sealed record OneEpochHyperparameters(
    [property: Range(0, 0.9)] double Dropout,
    [property: Range(0, 1000)] double WeightDecayMultiple,
    [property: Range(0.001, 1)] double DataFraction);
