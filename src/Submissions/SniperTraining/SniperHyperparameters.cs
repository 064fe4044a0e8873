using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.SniperTraining;

/// <summary>
/// Hyperparameters of SNIPER training (and of its constant-sparsity control): the initial sparsity of the SNIP mask, the
/// fraction of the step budget by which the sparsity has decayed to 0 (SNIPER only), the cap on any one layer's sparsity,
/// the training batches SNIP's saliency is summed over, and whether re-enabled weights take their initial values or 0.
/// </summary>
public sealed record SniperHyperparameters(
    [property: Range(0.0, 1.0, MaximumIsExclusive = true,
        ErrorMessage = "initial_sparsity must be in [0, 1): the fraction of the prunable weights masked at the start (0: dense)")]
    double InitialSparsity = SniperSubmission.InitialSparsity,
    [property: Range(0.0, 1.0, MinimumIsExclusive = true,
        ErrorMessage = "dense_at must be in (0, 1]: the fraction of the step budget at which the sparsity reaches 0")]
    double DenseAt = SniperSubmission.DenseAt,
    [property: Range(0.0, 1.0,
        ErrorMessage = "max_layer_sparsity must be in [0, 1]: the largest fraction of any one layer's weights that is masked (1: no cap)")]
    double MaxLayerSparsity = SniperSubmission.MaxLayerSparsity,
    [property: Range(1, 10_000,
        ErrorMessage = "snip_batches must be in [1, 10000]: the training batches SNIP's saliency is summed over")]
    int SnipBatches = SniperSubmission.SnipBatches,
    bool RestoreInit = true);
