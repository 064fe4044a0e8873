using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.ExpertChoiceMoe;

/// <summary>
/// Hyperparameters of a mixture-of-experts arm: the expert count, the capacity factor c (expert choice: k = n·c/E tokens
/// per expert; token choice: at most n·c/E), each expert's hidden width as a multiple of the model width, which blocks get
/// a mixture (every <c>moe_every</c>-th, GLaM's and the paper's "every other layer" at 2), and Switch's auxiliary
/// load-balancing weight α (0 for expert choice, which needs none).
/// </summary>
public sealed record MoeHyperparameters(
    [property: Range(2, 64, ErrorMessage = "experts must be in [2, 64]: the number of experts of each mixture")]
    int Experts = MixtureOfExpertsSubmission.Experts,
    [property: Range(0.0, 64.0, MinimumIsExclusive = true,
        ErrorMessage = "capacity_factor must be in (0, 64]: c in k = n * c / experts, the tokens each expert takes (expert choice) or may take (token choice)")]
    double CapacityFactor = MixtureOfExpertsSubmission.ExpertChoiceCapacity,
    [property: Range(0.0, 16.0, MinimumIsExclusive = true,
        ErrorMessage = "expert_width_multiple must be in (0, 16]: each expert's hidden width over the model width (the dense MLP's is 4)")]
    double ExpertWidthMultiple = MixtureOfExpertsSubmission.ExpertChoiceWidth,
    [property: Range(1, 64, ErrorMessage = "moe_every must be in [1, 64]: a mixture replaces the MLP of every moe_every-th block (2: every other)")]
    int MoeEvery = MixtureOfExpertsSubmission.MoeEvery,
    [property: Range(0.0, 1.0, ErrorMessage = "aux_loss_weight must be in [0, 1]: Switch's load-balancing weight alpha (0 turns it off)")]
    double AuxLossWeight = 0);
