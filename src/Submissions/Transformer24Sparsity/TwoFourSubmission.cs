using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;
using TorchSharp;
using TorchSharp.Modules;

namespace Bench.Submissions.Transformer24Sparsity;

/// <summary>
/// 2:4-sparse pre-training of the feed-forward layers (Hu, Zhao, Huang, Chen and Zhu, "Accelerating Transformer
/// Pre-training with 2:4 Sparsity", arXiv 2404.01847): each char-GPT feed-forward layer becomes a
/// <see cref="TwoFourLinear"/> computing with its weight's 2:4 magnitude mask, recomputed every step, trained with the
/// straight-through estimator plus masked decay on the gradients; the last <c>dense_fraction</c> of the step budget
/// trains dense. Everything else is the baseline's recipe; each step is priced at the FLOPs of the phase it runs in.
/// </summary>
public sealed class TwoFourSubmission : ISubmission
{
    /// <summary>SR-STE's λ_W (Zhou et al. 2021); not the value 2404.01847 picks from the flip rate in warmup (see the card).</summary>
    public const double MaskedDecay = 2e-4;

    /// <summary>The paper's dense fine-tuning covers the last ~10-20% of the steps; the default takes the low end.</summary>
    public const double DenseFraction = 0.1;

    /// <summary>The roles made 2:4-sparse: the feed-forward block's two layers (the paper's FFNs).</summary>
    public static readonly IReadOnlySet<LayerRole> FeedForward = new HashSet<LayerRole> { LayerRole.FeedForwardUp, LayerRole.FeedForwardDown };

    public string Id => "two-four";

    public string PaperId => "transformer-2-4-sparsity";

    /// <summary>No sparse tensor cores, no transposable masks, no decay-factor search (see the card).</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string Description => "feed-forward weights 2:4-masked (SR-STE with masked decay), dense for the last 10% of steps, baseline recipe otherwise";

    public WorkloadApplicability AppliesTo => Applicability.Only("tinyshakespeare");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults();

    static TwoFourHyperparameters Defaults() => new();

    /// <summary>The first step trained dense for a budget of <paramref name="stepBudget"/> steps (<see cref="BudgetTail"/>).</summary>
    public static long DenseFrom(long stepBudget, double denseFraction) => BudgetTail.StartsAt(stepBudget, denseFraction);

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(Defaults);
        Check(h);
        var model = setup.Model as IReplaceableLayers
            ?? throw new ConfigException($"two-four needs a model that lists its layers ({nameof(IReplaceableLayers)}); {setup.Model.GetName()} does not");
        var layers = Sparsify(model);
        // The optimizer is built after the surgery, over the new layers' weights (copies of the dense ones).
        var inner = BaselineSubmission.WithRecipe(setup, setup.Baseline);
        var masked = LayerFlops.TrainFlopsPerExample(model, setup.Data.TrainFlopsPerExample);
        SetMasked(layers, false);
        var dense = LayerFlops.TrainFlopsPerExample(model, setup.Data.TrainFlopsPerExample);
        SetMasked(layers, true);
        return new Method(inner, layers, h, masked, dense);
    }

    /// <summary>Replaces every feed-forward layer of <paramref name="model"/> by a <see cref="TwoFourLinear"/> with its weight and bias.</summary>
    public static IReadOnlyList<TwoFourLinear> Sparsify(IReplaceableLayers model)
    {
        var slots = model.Layers.Where(s => FeedForward.Contains(s.Role)).ToList();
        foreach (var slot in slots)
        {
            if (slot.Kind != LayerKind.Linear || slot.Module is not Linear)
                throw new ConfigException($"two-four masks dense linear layers; '{slot.Name}' is a {slot.Kind} computed by {slot.Module.GetName()}");
            if (slot.Inputs % 4 != 0)
                throw new ConfigException($"two-four masks groups of 4 inputs; '{slot.Name}' has {slot.Inputs} inputs, not a multiple of 4");
        }
        var layers = new List<TwoFourLinear>();
        foreach (var slot in slots)
        {
            var dense = (Linear)slot.Module;
            var layer = new TwoFourLinear(dense.weight!, dense.bias);
            model.ReplaceLayer(slot.Name, layer).Dispose();
            layers.Add(layer);
        }
        return layers;
    }

    static void SetMasked(IEnumerable<TwoFourLinear> layers, bool masked)
    {
        foreach (var layer in layers) layer.Masked = masked;
    }

    static void Check(TwoFourHyperparameters h)
    {
        if (!(h.MaskedDecay >= 0 && h.MaskedDecay <= 1))
            throw new ConfigException($"two-four's masked_decay must be in [0, 1], got {h.MaskedDecay}: " +
                "the factor of the decay (1 - mask) * w added to a masked weight's gradient (0 turns it off)");
        if (!(h.DenseFraction >= 0 && h.DenseFraction < 1))
            throw new ConfigException($"two-four's dense_fraction must be in [0, 1), got {h.DenseFraction}: " +
                "the fraction of the step budget trained dense at the end (0: masked throughout)");
    }

    /// <summary>
    /// The baseline's method with the masked decay after each backward and the switch to dense at
    /// <see cref="DenseFrom"/>; priced at the masked model's FLOPs while masked and the dense model's after.
    /// </summary>
    sealed class Method(TrainingMethod inner, IReadOnlyList<TwoFourLinear> layers, TwoFourHyperparameters h, double masked, double dense)
        : MethodDecorator(inner)
    {
        bool isMasked = true;

        // The harness reads the price before TransformBatch, so AfterStep sets the next step's phase (and TransformBatch
        // the first step's): each step is priced in the phase it runs.
        public override double? FlopsPerExample => isMasked ? masked : dense;

        public override Batch TransformBatch(Batch batch, TrainingState state)
        {
            Phase(state.Step, state.StepHint);
            return base.TransformBatch(batch, state);
        }

        public override void AfterBackward(TrainingState state)
        {
            foreach (var layer in layers) layer.AddMaskedDecay(h.MaskedDecay);
            base.AfterBackward(state);
        }

        public override void AfterStep(TrainingState state)
        {
            base.AfterStep(state);
            Phase(state.Step + 1, state.StepHint);
        }

        void Phase(long step, long stepHint)
        {
            isMasked = step < DenseFrom(stepHint, h.DenseFraction);
            SetMasked(layers, isMasked);
        }
    }
}
