using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.BiMask;

/// <summary>
/// Hyperparameters of Bi-Mask training (and its transposable-mask control): SR-STE's masked decay on the gradient,
/// how often the output-channel permutation is searched, and how many random permutations each search tries.
/// </summary>
public sealed record BiMaskHyperparameters(
    [property: Range(0.0, 1.0, ErrorMessage = "masked_decay must be in [0, 1]: the factor of (1 - mask) * w added to a masked weight's gradient (0 " +
        "turns it off)")]
    double MaskedDecay = BiMaskSubmission.MaskedDecay,
    [property: Range(1, int.MaxValue, ErrorMessage = "permutation_interval must be at least 1: the steps between two permutation searches")]
    int PermutationInterval = BiMaskSubmission.PermutationInterval,
    [property: Range(0, 10_000, ErrorMessage = "permutation_candidates must be in [0, 10000]: random permutations tried per search (0 keeps the identity)")]
    int PermutationCandidates = BiMaskSubmission.PermutationCandidates);
