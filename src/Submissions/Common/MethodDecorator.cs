using Bench.Contracts;
using TorchSharp;

namespace Bench.Submissions.Common;

/// <summary>
/// A method that adds one mechanism to another (usually the baseline) and passes every other hook through,
/// so a weight-averaging or nowcasting paper changes exactly what the paper changes and nothing else.
/// </summary>
public abstract class MethodDecorator(TrainingMethod inner) : TrainingMethod
{
    /// <summary>The wrapped method.</summary>
    protected TrainingMethod Inner => inner;

    public override torch.nn.Module Model => inner.Model;

    public override int BatchSize => inner.BatchSize;

    public override TrainStream TrainStream => inner.TrainStream;

    public override IBatchSource TrainBatches(IBatchSource workloadBatches) => inner.TrainBatches(workloadBatches);

    public override Batch TransformBatch(Batch batch, TrainingState state) => inner.TransformBatch(batch, state);

    public override void AfterBackward(TrainingState state) => inner.AfterBackward(state);

    public override void OptimizerStep(TrainingState state) => inner.OptimizerStep(state);

    public override void AfterStep(TrainingState state) => inner.AfterStep(state);

    public override bool ChargesEvaluation => inner.ChargesEvaluation;

    public override double? FlopsPerExample => inner.FlopsPerExample;

    public override torch.nn.Module ModelToEvaluate() => inner.ModelToEvaluate();

    public override void Dispose()
    {
        inner.Dispose();
        base.Dispose();
    }
}
