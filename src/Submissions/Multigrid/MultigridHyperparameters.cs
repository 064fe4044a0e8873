using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.Multigrid;

/// <summary>
/// Hyperparameters of multigrid's long cycle on images (sources in the card): the coarsest side and how many sides the
/// cycle visits (evenly spaced up to the full side), the long cycles before the fine-tuning phase, how many more epochs
/// than the baseline the schedule trains, the share of the baseline's epochs whose counterpart is the fine-tuning phase,
/// and whether BatchNorm keeps the baseline's batch (sub-batch BatchNorm).
/// </summary>
public sealed record MultigridHyperparameters(
    [property: Range(1, 4096, ErrorMessage = "coarsest_side must be in [1, 4096] px: the smallest image side of the long cycle (16 for CIFAR-10's 32)")]
    int CoarsestSide = MultigridSubmission.CoarsestSide,
    [property: Range(1, 16, ErrorMessage = "sides must be in [1, 16]: how many image sides each long cycle visits, coarsest to full")]
    int Sides = MultigridSubmission.Sides,
    [property: Range(1, 100, ErrorMessage = "long_cycles must be in [1, 100]: long cycles before the fine-tuning phase")]
    int LongCycles = MultigridSubmission.LongCycles,
    [property: Range(0.1, 10.0, ErrorMessage = "epoch_factor must be in [0.1, 10]: epochs trained over the baseline's (1.5 the paper's)")]
    double EpochFactor = MultigridSubmission.EpochFactor,
    [property: Range(0.0, 1.0, MaximumIsExclusive = true,
        ErrorMessage = "final_share must be in [0, 1): the share of the baseline's epochs whose counterpart trains at the full side at the end")]
    double FinalShare = MultigridSubmission.FinalShare,
    bool SubBatchNorm = true);
