using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;
using TorchSharp;

namespace Bench.Submissions.ScalingNmt;

/// <summary>
/// The optimisation half of Ott et al., Scaling Neural Machine Translation (arXiv 1806.00187): a much larger
/// batch with a raised rate and Adam beta2 = 0.98. The precision half (fp16 tensor cores) has no CPU
/// counterpart in a training run; its step-level effect is measured by the bf16 micro-benchmark instead.
/// </summary>
public sealed class ScalingNmtSubmission : ISubmission
{
    /// <summary>Batch multiple over the baseline (the paper accumulates 16 batches; 4 fits this CPU's budget).</summary>
    public const int BatchMultiple = 4;

    /// <summary>The paper's Adam beta2 for large batches.</summary>
    public const double Beta2 = 0.98;

    public string Id => "scaling-nmt";

    /// <summary>Only the large-batch half: no fp16 training (no such units here).</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string PaperId => "scaling-nmt";

    public string Description => "4x batch, rate x2 (square-root scaling), Adam beta2 0.98, same tokens budget";

    public WorkloadApplicability AppliesTo => Applicability.Only("tinyshakespeare");

    /// <summary>
    /// Square-root rate scaling: the paper doubles the rate for its 16x larger batch; sqrt(4) = 2 applies
    /// the usual Adam scaling rule to our 4x. The cosine decays over the same number of tokens as the baseline.
    /// </summary>
    public object DefaultHyperparameters(IWorkload workload, string scale) => new ScalingNmtHyperparameters();

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(() => new ScalingNmtHyperparameters());
        return BaselineSubmission.WithRecipe(setup, setup.Baseline with
        {
            LearningRate = setup.Baseline.LearningRate * h.RateMultiple,
            Beta2 = h.Beta2,
            BatchSize = setup.Baseline.BatchSize * h.BatchMultiple,
        }, horizonSteps: Math.Max(2, setup.Scale.Budget.MaxSteps / h.BatchMultiple));
    }
}
