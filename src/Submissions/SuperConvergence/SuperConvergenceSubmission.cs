using Bench.Contracts;
using Bench.Submissions.Common;

namespace Bench.Submissions.SuperConvergence;

/// <summary>
/// Super-convergence (Smith and Topin, arXiv 1708.07120): an LR range test, then a single short cycle with a
/// very large peak rate, cyclical momentum 0.95-0.85 and reduced weight decay (large rates regularise).
/// </summary>
public sealed class SuperConvergenceSubmission : ISubmission
{
    /// <summary>The paper's reduced weight decay for super-convergence on CIFAR (1e-4 instead of 5e-4).</summary>
    public const double WeightDecay = 1e-4;

    public string Id => "super-convergence";

    public string PaperId => "super-convergence";

    public string Description => "LR range test, then one short cycle (a third of the step budget) with a large peak, cyclical momentum, weight decay 1e-4";

    public WorkloadApplicability AppliesTo => Applicability.Only("cifar10", "fashion-mnist");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Settings(workload.Scale(scale).Budget, workload.Baseline(scale));

    public TrainingMethod Create(TrainingSetup setup) =>
        new OneCycleMethod(setup.Model, setup.HyperparametersOr(() => Settings(setup.Scale.Budget, setup.Baseline)));

    /// <summary>The cycle is a third of the step budget: the baseline's cosine reaches the target at about two thirds.</summary>
    public static OneCycleSettings Settings(Budget budget, BaselineRecipe baseline) =>
        new(baseline.BatchSize, ProbeSteps(budget), ProbeMin: 1e-3, ProbeMax: 10, CycleSteps: budget.MaxSteps / 3, WeightDecay);

    /// <summary>A twenty-fifth of the step budget, between 20 and 100 steps.</summary>
    public static int ProbeSteps(Budget budget) => (int)Math.Clamp(budget.MaxSteps / 25, 20, 100);
}
