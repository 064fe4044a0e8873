using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;
using TorchSharp;

namespace Bench.Submissions.Flip;

/// <summary>
/// FLIP's patch dropping (Li, Fan, Hu, Feichtenhofer and He, "Scaling Language-Image Pre-training via Masking", arXiv
/// 2212.00794) as a supervised stand-in: in training the vision transformer encodes only a random <c>1 − mask_ratio</c>
/// of each image's patches (the rest are dropped, not zeroed: they never enter the encoder), chosen uniformly and
/// independently per image at every step; the last <c>unmasked_fraction</c> of the step budget trains on every patch
/// (unmasked tuning); evaluation always sees every patch. Everything else is the baseline's recipe; each step is priced
/// at the FLOPs of the tokens it encodes.
/// </summary>
public sealed class FlipSubmission : ISubmission
{
    /// <summary>The paper's default mask ratio (50%; 75% is its other setting).</summary>
    public const double MaskRatio = 0.5;

    /// <summary>The unmasked tuning's share of the step budget: our choice, the paper's is a small fraction of its schedule (see the card).</summary>
    public const double UnmaskedFraction = 0.05;

    public string Id => "flip";

    public string PaperId => "flip";

    /// <summary>A supervised ViT on CIFAR-10, not CLIP on image-text pairs (see the card).</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string Description => "half of each image's patches dropped in training (ViT), unmasked for the last 5% of steps, baseline recipe otherwise";

    public WorkloadApplicability AppliesTo => Applicability.Only("cifar10-vit");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults();

    static FlipHyperparameters Defaults() => new();

    /// <summary>The first step trained unmasked for a budget of <paramref name="stepBudget"/> steps (<see cref="BudgetTail"/>).</summary>
    public static long UnmaskedFrom(long stepBudget, double unmaskedFraction) => BudgetTail.StartsAt(stepBudget, unmaskedFraction);

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(Defaults);
        Check(h);
        var model = setup.Model as ITokenDroppingModel
            ?? throw new ConfigException($"flip drops tokens of a model that lets it ({nameof(ITokenDroppingModel)}: a vision transformer); " +
                $"{setup.Model.GetName()} of {setup.WorkloadId} does not. Use --workload cifar10-vit.");
        var subset = new RandomTokenSubset(RandomTokenSubset.KeptOf(model.Tokens, h.MaskRatio), unchecked((ulong)setup.Data.Seed * 2654435761UL + 1));
        // In the workload's terms: its dense figure with the encoder's cost at the kept tokens instead of all of them.
        var masked = setup.Data.TrainFlopsPerExample
            + LayerFlops.TrainPerForward * (model.ForwardFlopsPerExample(subset.Kept) - model.ForwardFlopsPerExample(model.Tokens));
        return new Method(BaselineSubmission.WithRecipe(setup, setup.Baseline), model, subset, h, masked, setup.Data.TrainFlopsPerExample);
    }

    static void Check(FlipHyperparameters h)
    {
        if (!(h.MaskRatio >= 0 && h.MaskRatio < 1))
            throw new ConfigException($"flip's mask_ratio must be in [0, 1), got {h.MaskRatio}: the fraction of each image's patches dropped in " +
                "training (0.5 the paper's default, 0.75 its other)");
        if (!(h.UnmaskedFraction >= 0 && h.UnmaskedFraction < 1))
            throw new ConfigException($"flip's unmasked_fraction must be in [0, 1), got {h.UnmaskedFraction}: the fraction of the step budget " +
                "trained on every patch at the end (0: masked throughout)");
    }

    /// <summary>
    /// The baseline's method with the model's token selector set to the random subset until <see cref="UnmaskedFrom"/>
    /// and cleared after; priced at the kept tokens' FLOPs while masked and the workload's after.
    /// </summary>
    sealed class Method(TrainingMethod inner, ITokenDroppingModel model, RandomTokenSubset subset, FlipHyperparameters h, double masked, double unmasked)
        : MethodDecorator(inner)
    {
        bool isMasked = true;

        // The harness reads the price before TransformBatch, so AfterStep sets the next step's phase (and TransformBatch
        // the first step's): each step is priced in the phase it runs.
        public override double? FlopsPerExample => isMasked ? masked : unmasked;

        public override Batch TransformBatch(Batch batch, TrainingState state)
        {
            Phase(state.Step, state.StepHint);
            return base.TransformBatch(batch, state);
        }

        public override void AfterStep(TrainingState state)
        {
            base.AfterStep(state);
            Phase(state.Step + 1, state.StepHint);
        }

        void Phase(long step, long stepHint)
        {
            isMasked = step < UnmaskedFrom(stepHint, h.UnmaskedFraction);
            model.TokenSelector = isMasked ? subset.Select : null;
        }

        public override void Dispose()
        {
            model.TokenSelector = null;
            subset.Dispose();
            base.Dispose();
        }
    }
}
