using Bench.Contracts;
using Bench.Submissions.Common;
using TorchSharp;

namespace Bench.Submissions.Lars;

/// <summary>
/// LARS at four times the baseline batch: linear warmup, then the paper's polynomial (power 2) decay over the
/// same number of epochs as the baseline's budget, momentum 0.9, trust coefficient 0.001, weight decay 5e-4.
/// </summary>
public sealed class LarsSubmission : ISubmission
{
    /// <summary>Batch multiple over the baseline: the "large batch" the paper is about, within this CPU's memory.</summary>
    public const int BatchMultiple = 4;

    /// <summary>
    /// Global rate. With trust 0.001 a layer's step is about rate * 0.001 * ||w||: 10 moves each layer by about
    /// 1% of its norm per step at the peak, the regime of the paper's large-batch AlexNet/ResNet runs (peak rates 2-30).
    /// </summary>
    public const double PeakRate = 10;

    /// <summary>Share of the decay horizon spent warming up (the paper warms up for a few epochs of a long run; a short run gets 10%).</summary>
    public const double WarmupFraction = 0.1;

    public string Id => "lars";

    public string PaperId => "lars";

    public string Description => "LARS (trust 0.001, momentum 0.9) at 4x the baseline batch, warmup + polynomial decay";

    public WorkloadApplicability AppliesTo => Applicability.Only("cifar10", "fashion-mnist");

    public object DefaultHyperparameters(IWorkload workload, string scale) => new LarsHyperparameters();

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(() => new LarsHyperparameters());
        var horizon = Math.Max(2, setup.Scale.Budget.MaxSteps / h.BatchMultiple);
        var warmup = (long)Math.Max(1, h.WarmupFraction * horizon);
        var parameters = setup.Model.parameters().ToList();
        var lars = new LarsOptimizer(parameters.Where(LarsOptimizer.IsScaled));
        // Biases and norm gains have no meaningful layer-wise ratio (a zero-initialised bias would take the full
        // global rate of 10): they keep the baseline's AdamW and rate, on the same warmup + decay multiplier.
        var recipe = setup.Baseline;
        var rest = torch.optim.AdamW(parameters.Where(p => !LarsOptimizer.IsScaled(p)), recipe.LearningRate, recipe.Beta1, recipe.Beta2, weight_decay: 0);
        return new Method(setup.Model, lars, rest, h.PeakRate, recipe.LearningRate, setup.Baseline.BatchSize * h.BatchMultiple,
            step => Rate(step, horizon, warmup));
    }

    /// <summary>Multiplier of the peak: (k+1)/w during warmup, then (1 - t)^2 with t the share of the decay done.</summary>
    public static double Rate(long step, long horizon, long warmup)
    {
        if (step < warmup) return (step + 1) / (double)warmup;
        var t = Math.Clamp((step - warmup) / (double)Math.Max(1, horizon - warmup), 0, 1);
        return (1 - t) * (1 - t);
    }

    sealed class Method(torch.nn.Module model, LarsOptimizer lars, torch.optim.Optimizer rest, double peakRate, double restRate, int batchSize,
        Func<long, double> multiplier) : TrainingMethod
    {
        public override torch.nn.Module Model => model;

        public override int BatchSize => batchSize;

        public override void OptimizerStep(TrainingState state)
        {
            var m = multiplier(state.Step);
            lars.Step(peakRate * m);
            foreach (var group in rest.ParamGroups) group.LearningRate = restRate * m;
            rest.step();
        }

        public override void Dispose()
        {
            lars.Dispose();
            rest.Dispose();
            base.Dispose();
        }
    }
}
