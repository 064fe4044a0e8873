using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.SparseProp;

/// <summary>
/// Hyperparameters of SparseProp's sparse-from-scratch training: the fixed unstructured sparsity of every hidden layer
/// (the fraction of its weights pruned by magnitude at initialisation).
/// </summary>
public sealed record SparsePropHyperparameters(
    [property: Range(0.0, 1.0, MaximumIsExclusive = true,
        ErrorMessage = "sparsity must be in [0, 1): the fraction of each hidden layer's weights pruned at initialisation (0.9 keeps 10%)")]
    double Sparsity = SparsePropSubmission.Sparsity);
