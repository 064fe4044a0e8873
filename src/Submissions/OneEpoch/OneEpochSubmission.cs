using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;

namespace Bench.Submissions.OneEpoch;

/// <summary>
/// One Epoch Is All You Need (Komatsuzaki, arXiv 1906.06669), both arms on Tiny Shakespeare with the baseline's
/// model, optimizer, schedule and step budget:
/// <list type="bullet">
/// <item><c>one-epoch</c>: the whole training split (the fewest passes the budget allows) with no regularisation:
/// dropout 0 and weight decay 0.</item>
/// <item><c>many-epochs-subset</c>, the paper's control: many epochs over a tenth of the split, regularised as
/// usual for that regime: dropout 0.1 and the baseline's weight decay.</item>
/// </list>
/// The paper's speedup is one-epoch against its control; <c>repro show one-epoch</c> prints that comparison beside
/// the usual one against the workload baseline.
/// </summary>
public sealed class OneEpochSubmission(bool control) : ISubmission
{
    /// <summary>The control's share of the training split ("10% subset", papers.csv).</summary>
    public const double SubsetFraction = 0.1;

    /// <summary>The control's dropout (nanoGPT's and the paper's usual 0.1).</summary>
    public const double ControlDropout = 0.1;

    public string Id => control ? "many-epochs-subset" : "one-epoch";

    /// <summary>The model re-sizing step of the claim is not implemented.</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string PaperId => "one-epoch";

    public string Description => control
        ? "one-epoch's control: many epochs over 10% of train with dropout 0.1 and the baseline's weight decay"
        : "the whole training split with no regularisation (dropout 0, weight decay 0)";

    public WorkloadApplicability AppliesTo => Applicability.Only("tinyshakespeare");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults();

    /// <summary>one-epoch: no dropout, no weight decay, all the data; the control: dropout 0.1, the baseline's decay, a tenth.</summary>
    OneEpochHyperparameters Defaults() => control ? new(ControlDropout, 1, SubsetFraction) : new(0, 0, 1);

    public TrainingMethod Create(TrainingSetup setup)
    {
        var dropout = setup.Model as IDropoutModel
            ?? throw new InvalidOperationException($"{Id} sets dropout, and the {setup.WorkloadId} model does not expose it (IDropoutModel)");
        var h = setup.HyperparametersOr(Defaults);
        dropout.Dropout = h.Dropout;
        var method = BaselineSubmission.WithRecipe(setup, setup.Baseline with { WeightDecay = setup.Baseline.WeightDecay * h.WeightDecayMultiple });
        return h.DataFraction >= 1 ? method : new StreamMethod(method, new TrainStream(Fraction: h.DataFraction));
    }
}
