using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.MaskedStructuralGrowth;

/// <summary>
/// Hyperparameters of masked structural growth (depth only): the number of depth stages, the fraction of the step
/// budget after which the model runs at full depth, and the fraction of the budget over which a new block's mask rises
/// from 0 to 1.
/// </summary>
public sealed record MaskedStructuralGrowthHyperparameters(
    [property: Range(2, 1000, ErrorMessage = "stages must be in [2, the model's blocks]: the depth stages, each adding an equal share of the blocks")]
    int Stages = MaskedStructuralGrowthSubmission.Stages,
    [property: Range(0.0, 1.0, MinimumIsExclusive = true, MaximumIsExclusive = true,
        ErrorMessage = "growth_fraction must be in (0, 1): the fraction of the step budget after which every block trains")]
    double GrowthFraction = MaskedStructuralGrowthSubmission.GrowthFraction,
    [property: Range(0.0, 1.0, MaximumIsExclusive = true,
        ErrorMessage = "ramp_fraction must be in [0, 1): the fraction of the step budget over which a new block's mask rises from 0 to 1")]
    double RampFraction = MaskedStructuralGrowthSubmission.RampFraction);
