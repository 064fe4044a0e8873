using TorchSharp;

namespace Bench.Contracts;

/// <summary>
/// A submission's hooks into the harness loop. One step of the loop, in order:
/// <list type="number">
/// <item><see cref="TransformBatch"/> (drop tokens, filter, resize)</item>
/// <item>loss forward, <c>zero_grad</c>, <c>backward</c> (harness)</item>
/// <item><see cref="AfterBackward"/> (compress or mask gradients)</item>
/// <item><see cref="OptimizerStep"/> (schedule and update: the one required hook)</item>
/// <item><see cref="AfterStep"/> (snapshots, masks, growth)</item>
/// </list>
/// At each evaluation the harness evaluates <see cref="ModelToEvaluate"/> (averaging, ensembling).
/// Every hook runs inside the step's dispose scope: tensors kept across steps must be moved out.
/// </summary>
public abstract class TrainingMethod : IDisposable
{
    /// <summary>The module the harness trains; a method that replaces layers returns the new one.</summary>
    public abstract torch.nn.Module Model { get; }

    /// <summary>Examples per optimizer step.</summary>
    public abstract int BatchSize { get; }

    /// <summary>The part of the training split the harness streams to this method. Default: all of it.</summary>
    public virtual TrainStream TrainStream => TrainStream.All;

    /// <summary>
    /// The batches the harness trains on, given <paramref name="workloadBatches"/>: the workload's stream over
    /// <see cref="TrainStream"/> for the trial's seed. Default: that stream. A method may wrap it (reorder, filter, augment
    /// across batches) or replace it with a source of its own, e.g. over <see cref="WorkloadAccess.TrainingSplit"/> seeded by
    /// <see cref="WorkloadAccess.Seed"/> (airbench's alternating flips). The harness calls it once per trial (and once for the
    /// untimed warm-up), after <c>Create</c>; the batches it returns are made in the step's dispose scope.
    /// </summary>
    public virtual IBatchSource TrainBatches(IBatchSource workloadBatches) => workloadBatches;

    /// <summary>
    /// Training FLOPs (forward and backward) of one example as this method runs the model now, for a method whose step
    /// costs other than the workload's dense model: a low-rank or sparse layer, dropped tokens, k of n experts, a smaller
    /// model or input early in training. Null (the default): the workload's <see cref="IWorkloadRun.TrainFlopsPerExample"/>
    /// (a method can read it as <see cref="WorkloadAccess.TrainFlopsPerExample"/> to scale it).
    /// </summary>
    /// <remarks>
    /// The harness reads it at the start of every step, before <see cref="TransformBatch"/>, and prices at it that step's
    /// examples and every extra pass the method charges (<see cref="TrainingState.Charge"/>: probes, searches) until the
    /// next read; the sum is <see cref="TrainingState.Flops"/> and, at the target, the row's FLOPs-to-target. So a method
    /// that changes its cost (factorises its layers, grows) in a hook reports the new figure from then on; extra passes
    /// through another network are charged as example equivalents of this one (its FLOPs over this figure).
    /// </remarks>
    public virtual double? FlopsPerExample => null;

    /// <summary>Changes the batch before the forward pass. Default: unchanged.</summary>
    public virtual Batch TransformBatch(Batch batch, TrainingState state) => batch;

    /// <summary>Runs after <c>backward</c>, before the update. Default: nothing.</summary>
    public virtual void AfterBackward(TrainingState state) { }

    /// <summary>Sets the learning rate for this step and applies the update.</summary>
    public abstract void OptimizerStep(TrainingState state);

    /// <summary>Runs after the update. Default: nothing.</summary>
    public virtual void AfterStep(TrainingState state) { }

    /// <summary>
    /// True when <see cref="ModelToEvaluate"/> does work of the method's own at evaluation time (test-time augmentation):
    /// the harness then adds the duration of the evaluation that first meets the target to the time-to-target, as the
    /// reference implementations count their final evaluation. Default: false (evaluation is off the clock).
    /// </summary>
    public virtual bool ChargesEvaluation => false;

    /// <summary>The weights to evaluate. Default: the trained model itself.</summary>
    public virtual torch.nn.Module ModelToEvaluate() => Model;

    /// <summary>Frees optimizer state and any snapshots.</summary>
    public virtual void Dispose() => GC.SuppressFinalize(this);
}
