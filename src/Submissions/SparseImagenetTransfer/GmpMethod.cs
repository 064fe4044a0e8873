using Bench.Contracts;
using Bench.Submissions.Common;

namespace Bench.Submissions.SparseImagenetTransfer;

/// <summary>
/// The baseline's method with gradual magnitude pruning: gradients of pruned weights cleared after backward; after the
/// optimizer step the masks are re-computed on the cubic schedule's steps and the pruned weights zeroed on every step.
/// </summary>
/// <remarks>
/// FLOPs: none reported, so each step is priced at the workload's dense count. Unstructured sparsity saves nothing in the
/// dense convolution kernels that run here (the zeros are multiplied like any weight), which is the honest cost.
/// </remarks>
public sealed class GmpMethod(TrainingMethod inner, MagnitudePruner pruner, GmpHyperparameters h) : MethodDecorator(inner)
{
    /// <summary>The masks on the model's convolutions.</summary>
    public MagnitudePruner Pruner => pruner;

    /// <summary>The hyperparameters the method runs with.</summary>
    public GmpHyperparameters Hyperparameters => h;

    public override void AfterBackward(TrainingState state)
    {
        pruner.MaskGradients();
        base.AfterBackward(state);
    }

    public override void OptimizerStep(TrainingState state)
    {
        base.OptimizerStep(state);
        // The step just taken is number state.Step + 1; the schedule is in completed steps.
        var done = state.Step + 1;
        var (start, end) = (GmpSubmission.StepAt(state.StepHint, h.StartFraction), GmpSubmission.StepAt(state.StepHint, h.EndFraction));
        if (CubicSparsity.IsPruneStep(done, start, end, h.PruneEvery)) pruner.Prune(CubicSparsity.At(done, start, end, h.Sparsity));
        else pruner.Apply();
    }

    public override void Dispose()
    {
        pruner.Dispose();
        base.Dispose();
    }
}
