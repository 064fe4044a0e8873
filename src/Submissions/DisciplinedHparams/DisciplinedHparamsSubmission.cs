using Bench.Contracts;
using Bench.Submissions.Common;
using Bench.Submissions.SuperConvergence;

namespace Bench.Submissions.DisciplinedHparams;

/// <summary>
/// Smith's disciplined recipe (arXiv 1803.09820): LR range test, one cycle spanning the training budget with
/// cyclical momentum 0.95-0.85-0.95, and the weight decay the paper recommends for CIFAR ResNets (5e-4),
/// coupled to the rate through SGD's L2 term.
/// </summary>
public sealed class DisciplinedHparamsSubmission : ISubmission
{
    /// <summary>The paper's CIFAR-10 ResNet weight decay.</summary>
    public const double WeightDecay = 5e-4;

    public string Id => "disciplined-hparams";

    public string PaperId => "disciplined-hparams";

    public string Description => "LR range test, one cycle over 90% of the step budget, cyclical momentum, weight decay 5e-4";

    public WorkloadApplicability AppliesTo => Applicability.Only("cifar10");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Settings(workload.Scale(scale).Budget, workload.Baseline(scale));

    public TrainingMethod Create(TrainingSetup setup) =>
        new OneCycleMethod(setup.Model, setup.HyperparametersOr(() => Settings(setup.Scale.Budget, setup.Baseline)));

    /// <summary>The range test, then one cycle ending at 90% of the step budget.</summary>
    static OneCycleSettings Settings(Budget budget, BaselineRecipe baseline)
    {
        var probe = SuperConvergenceSubmission.ProbeSteps(budget);
        var cycle = (long)(0.9 * budget.MaxSteps) - probe;
        return new(baseline.BatchSize, probe, ProbeMin: 1e-3, ProbeMax: 10, cycle, WeightDecay);
    }
}
