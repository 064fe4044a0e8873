using Bench.Contracts;
using TorchSharp;

namespace Bench.Submissions.Common;

/// <summary>
/// A training method that is just an optimizer and a learning-rate schedule: the shape of the
/// baseline and of every optimizer or schedule paper. <paramref name="learningRate"/> maps the
/// 0-based step to the rate for that step.
/// </summary>
public sealed class OptimizerMethod(
    torch.nn.Module model,
    torch.optim.Optimizer optimizer,
    Func<long, double> learningRate,
    int batchSize) : TrainingMethod
{
    public override torch.nn.Module Model => model;

    public override int BatchSize => batchSize;

    public override void OptimizerStep(TrainingState state)
    {
        var rate = learningRate(state.Step);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
        optimizer.step();
    }

    public override void Dispose()
    {
        optimizer.Dispose();
        base.Dispose();
    }
}
