using Bench.Harness.Contracts;
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

    public string? NotApplicableReason(IWorkload workload) => Applicability.Only(workload, "cifar10");

    public TrainingMethod Create(TrainingSetup setup)
    {
        var probe = SuperConvergenceSubmission.ProbeSteps(setup.Scale.Budget);
        var cycle = (long)(0.9 * setup.Scale.Budget.MaxSteps) - probe;
        return new OneCycleMethod(setup.Model, new(setup.Baseline.BatchSize, probe, ProbeMin: 1e-3, ProbeMax: 10, cycle, WeightDecay));
    }
}
