using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.Flip;

/// <summary>
/// Hyperparameters of FLIP's patch dropping: the fraction of each image's patches dropped in training and the fraction
/// of the step budget trained unmasked at the end (the paper's unmasked tuning).
/// </summary>
public sealed record FlipHyperparameters(
    [property: Range(0.0, 1.0, MaximumIsExclusive = true,
        ErrorMessage = "mask_ratio must be in [0, 1): the fraction of each image's patches dropped in training (0.5 the paper's default, 0.75 its other)")]
    double MaskRatio = FlipSubmission.MaskRatio,
    [property: Range(0.0, 1.0, MaximumIsExclusive = true,
        ErrorMessage = "unmasked_fraction must be in [0, 1): the fraction of the step budget trained on every patch at the end (0: masked throughout)")]
    double UnmaskedFraction = FlipSubmission.UnmaskedFraction);
