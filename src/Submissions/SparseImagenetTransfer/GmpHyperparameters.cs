using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.SparseImagenetTransfer;

/// <summary>
/// Hyperparameters of gradual magnitude pruning: the final sparsity of every convolution, the fractions of the step budget
/// where the cubic schedule starts and ends, and the steps between mask updates inside that window (Zhu and Gupta's Δt).
/// </summary>
public sealed record GmpHyperparameters(
    [property: Range(0.0, 1.0, MinimumIsExclusive = true, MaximumIsExclusive = true,
        ErrorMessage = "sparsity must be in (0, 1): the fraction of each convolution's weights that are zero at the end (0.9 keeps a tenth)")]
    double Sparsity = GmpSubmission.DefaultSparsity,
    [property: Range(0.0, 1.0, MaximumIsExclusive = true,
        ErrorMessage = "start_fraction must be in [0, 1) and below end_fraction: the fraction of the step budget where pruning starts (t0)")]
    double StartFraction = GmpSubmission.DefaultStartFraction,
    [property: Range(0.0, 1.0, MinimumIsExclusive = true,
        ErrorMessage = "end_fraction must be in (0, 1] and above start_fraction: the fraction of the step budget where the final sparsity is reached")]
    double EndFraction = GmpSubmission.DefaultEndFraction,
    [property: Range(1, int.MaxValue,
        ErrorMessage = "prune_every must be an integer >= 1: the steps between mask updates inside the pruning window (delta t)")]
    int PruneEvery = GmpSubmission.DefaultPruneEvery);
