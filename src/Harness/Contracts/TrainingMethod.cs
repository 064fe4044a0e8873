using TorchSharp;

namespace Bench.Harness.Contracts;

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
