using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.Transformer24Sparsity;

/// <summary>
/// Hyperparameters of 2:4-sparse training: SR-STE's masked-decay factor λ (added as λ(1 − M)⊙W to each masked weight's
/// gradient) and the fraction of the step budget trained dense at the end (the paper's dense fine-tuning).
/// </summary>
public sealed record TwoFourHyperparameters(
    [property: Range(0.0, 1.0,
        ErrorMessage = "masked_decay must be in [0, 1]: the factor of the decay (1 - mask) * w added to a masked weight's gradient (0 turns it off)")]
    double MaskedDecay = TwoFourSubmission.MaskedDecay,
    [property: Range(0.0, 1.0, MaximumIsExclusive = true,
        ErrorMessage = "dense_fraction must be in [0, 1): the fraction of the step budget trained dense at the end (0: masked throughout)")]
    double DenseFraction = TwoFourSubmission.DenseFraction);
