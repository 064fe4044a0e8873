using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.IncrementalLayerTraining;

/// <summary>
/// Hyperparameters of incremental layer training: the number of depth stages (each adds an equal share of the blocks,
/// the paper's S) and the fraction of the step budget after which the model runs at full depth (the growth stages share
/// it equally; the rest of the budget is the paper's continual training of the full model).
/// </summary>
public sealed record IncrementalLayerTrainingHyperparameters(
    [property: Range(2, 1000, ErrorMessage = "stages must be in [2, the model's blocks]: the depth stages, each adding an equal share of the blocks")]
    int Stages = IncrementalLayerTrainingSubmission.Stages,
    [property: Range(0.0, 1.0, MinimumIsExclusive = true, MaximumIsExclusive = true,
        ErrorMessage = "growth_fraction must be in (0, 1): the fraction of the step budget after which every block trains")]
    double GrowthFraction = IncrementalLayerTrainingSubmission.GrowthFraction);
