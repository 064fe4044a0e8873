using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;

namespace Bench.Submissions.InfiniteComputePretraining;

/// <summary>
/// Pre-training under infinite compute (Kim et al., arXiv 2509.14786), its weight-decay result, on Tiny Shakespeare
/// with a fixed data budget of a fifth of the training split (about 180k characters, the paper's suggested 200k):
/// <list type="bullet">
/// <item><c>heavy-weight-decay</c>: the baseline's recipe with 30x its weight decay (the paper's "30x standard").</item>
/// <item><c>data-limited</c>, the control: the baseline's recipe unchanged on the same fifth.</item>
/// </list>
/// Both train for the whole step budget's epochs over the same data; the paper's measure is the loss reached on
/// fixed data, so <c>repro show infinite-compute-pretraining</c> compares the two arms directly, and either arm
/// reaching the workload target means it needed a fifth of the baseline's data.
/// </summary>
public sealed class InfiniteComputeSubmission(bool control) : ISubmission
{
    /// <summary>The fixed data budget, as a share of the training split.</summary>
    public const double DataFraction = 0.2;

    /// <summary>The paper's weight decay multiplier over the standard value.</summary>
    public const double WeightDecayFactor = 30;

    public string Id => control ? "data-limited" : "heavy-weight-decay";

    /// <summary>Only the weight-decay lever: no ensembling, distillation or data-scaling fit.</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string PaperId => "infinite-compute-pretraining";

    public string Description => control
        ? "infinite-compute's control: the baseline recipe on a fixed fifth of the training split"
        : "the baseline recipe with 30x weight decay on a fixed fifth of the training split";

    public WorkloadApplicability AppliesTo => Applicability.Only("tinyshakespeare");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults();

    InfiniteComputeHyperparameters Defaults() => new(control ? 1 : WeightDecayFactor);

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(Defaults);
        var recipe = setup.Baseline with { WeightDecay = setup.Baseline.WeightDecay * h.WeightDecayMultiple };
        return new StreamMethod(BaselineSubmission.WithRecipe(setup, recipe), new TrainStream(Fraction: h.DataFraction));
    }
}
