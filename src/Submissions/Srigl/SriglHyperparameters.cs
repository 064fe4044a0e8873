using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.Srigl;

/// <summary>
/// Hyperparameters of SRigL: the hidden layers' sparsity, the steps between mask updates (ΔT), the initial drop fraction α
/// (cosine-decayed to 0), the fraction of the step budget after which the masks stop changing (T_end), and γ_sal, the
/// fraction of the constant fan-in a neuron must hold in salient weights not to be ablated (0 turns ablation off).
/// </summary>
public sealed record SriglHyperparameters(
    [property: Range(0.0, 1.0, MinimumIsExclusive = true, MaximumIsExclusive = true,
        ErrorMessage = "sparsity must be in (0, 1): the fraction of each hidden layer's weights that are zero (0.9 keeps a tenth)")]
    double Sparsity = SriglSubmission.Sparsity,
    [property: Range(1, int.MaxValue,
        ErrorMessage = "update_interval must be an integer >= 1: the steps between mask updates (the paper's delta T)")]
    int UpdateInterval = SriglSubmission.UpdateInterval,
    [property: Range(0.0, 1.0, MinimumIsExclusive = true,
        ErrorMessage = "drop_fraction must be in (0, 1]: the fraction of a layer's weights pruned and regrown at the first update (alpha), " +
            "cosine-decayed to 0")]
    double DropFraction = SriglSubmission.DropFraction,
    [property: Range(0.0, 1.0, MinimumIsExclusive = true,
        ErrorMessage = "end_fraction must be in (0, 1]: the fraction of the step budget after which masks stop changing (T_end)")]
    double EndFraction = SriglSubmission.EndFraction,
    [property: Range(0.0, 1.0, MaximumIsExclusive = true,
        ErrorMessage = "salient_fraction must be in [0, 1): gamma_sal, the fraction of the constant fan-in a neuron keeps in salient weights or is " +
            "ablated (0: no ablation)")]
    double SalientFraction = SriglSubmission.SalientFraction);
