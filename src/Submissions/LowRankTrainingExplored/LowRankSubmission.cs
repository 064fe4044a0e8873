using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;
using Bench.Submissions.Mechanisms;
using TorchSharp;
using TorchSharp.Modules;

namespace Bench.Submissions.LowRankTrainingExplored;

/// <summary>
/// Low-rank training from scratch (Kamalakara et al., "Exploring Low Rank Training of Deep Neural Networks", arXiv
/// 2209.13569): the char-GPT's feed-forward layers (and, with <c>factorise_attention</c>, its attention projections)
/// are factorised W = U·V of rank r before the first step, initialised spectrally (U = U_r √S_r, V = √S_r V_rᵀ from
/// the SVD of the dense layer's own initial weight, the paper's recommended choice) or, for the ablation, with plain
/// random factors. Everything else is the baseline's recipe; the step is priced at the factorised model's FLOPs.
/// </summary>
public sealed class LowRankSubmission : ISubmission
{
    /// <summary>
    /// Default rank as a fraction of a layer's smaller dimension: r = width / 2 for the feed-forward layers, below their
    /// break-even 0.8 x width (d·4d / (d + 4d)), so each costs 5/8 of the dense layer (see the card).
    /// </summary>
    public const double RankFraction = 0.5;

    /// <summary>The roles factorised by default: the feed-forward block's two layers.</summary>
    public static readonly IReadOnlySet<LayerRole> FeedForward = new HashSet<LayerRole> { LayerRole.FeedForwardUp, LayerRole.FeedForwardDown };

    /// <summary>The roles factorised with <c>factorise_attention</c>: the feed-forward layers and both attention projections.</summary>
    public static readonly IReadOnlySet<LayerRole> FeedForwardAndAttention =
        new HashSet<LayerRole> { LayerRole.FeedForwardUp, LayerRole.FeedForwardDown, LayerRole.AttentionInput, LayerRole.AttentionOutput };

    public string Id => "low-rank";

    public string PaperId => "low-rank-training-explored";

    /// <summary>The paper's rank, weight-decay and pre-training ablations are not run (see the card).</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string Description => "feed-forward layers factorised W = U V at rank d/2 from a spectral (SVD) init, baseline recipe otherwise";

    public WorkloadApplicability AppliesTo => Applicability.Only("tinyshakespeare");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults();

    static LowRankHyperparameters Defaults() => new();

    /// <summary>The roles a run with <paramref name="h"/> factorises.</summary>
    public static IReadOnlySet<LayerRole> Roles(LowRankHyperparameters h) => h.FactoriseAttention ? FeedForwardAndAttention : FeedForward;

    /// <summary>
    /// The rank of the factorised layer for <paramref name="slot"/>: <paramref name="fraction"/> of its smaller dimension,
    /// rounded, at least 1 (and at most full rank).
    /// </summary>
    public static int RankFor(LayerSlot slot, double fraction)
    {
        CheckFraction(fraction);
        var full = Math.Min(slot.Inputs, slot.Outputs);
        return Math.Clamp((int)Math.Round(fraction * full, MidpointRounding.AwayFromZero), 1, full);
    }

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(Defaults);
        CheckFraction(h.RankFraction);
        var model = setup.Model as IReplaceableLayers
            ?? throw new ConfigException($"low-rank needs a model that lists its layers ({nameof(IReplaceableLayers)}); {setup.Model.GetName()} does not");
        Factorise(model, Roles(h), h.RankFraction, h.SpectralInit);
        // The optimizer is built after the surgery, over the factors: the replaced dense weights are gone from the model.
        var flops = LayerFlops.TrainFlopsPerExample(model, setup.Data.TrainFlopsPerExample);
        return new Method(BaselineSubmission.WithRecipe(setup, setup.Baseline), flops);
    }

    /// <summary>
    /// Replaces every layer of <paramref name="model"/> whose role is in <paramref name="roles"/> by a
    /// <see cref="LowRankLinear"/> of rank <see cref="RankFor"/>: the best rank-r approximation of the layer's current
    /// (initial) weight and its bias when <paramref name="spectral"/>, else fresh random factors and a zero bias.
    /// </summary>
    public static void Factorise(IReplaceableLayers model, IReadOnlySet<LayerRole> roles, double fraction, bool spectral)
    {
        foreach (var slot in model.Layers.Where(s => roles.Contains(s.Role)).ToList())
        {
            if (slot.Kind != LayerKind.Linear || slot.Module is not Linear dense)
                throw new ConfigException($"low-rank factorises dense linear layers; '{slot.Name}' is a {slot.Kind} computed by {slot.Module.GetName()}");
            var rank = RankFor(slot, fraction);
            var replacement = spectral
                ? LowRankLinear.FromDense(dense.weight!, dense.bias, rank)
                : new LowRankLinear(slot.Inputs, slot.Outputs, rank, hasBias: dense.bias is not null);
            model.ReplaceLayer(slot.Name, replacement).Dispose();
        }
    }

    static void CheckFraction(double fraction)
    {
        if (!(fraction > 0 && fraction <= 1))
            throw new ConfigException($"low-rank's rank_fraction must be in (0, 1], got {fraction}: " +
                "the rank as a fraction of each layer's smaller dimension (0.5 halves it, 1 keeps full rank)");
    }

    /// <summary>The baseline's method on the factorised model, priced at the factorised model's FLOPs.</summary>
    sealed class Method(TrainingMethod inner, double flopsPerExample) : MethodDecorator(inner)
    {
        public override double? FlopsPerExample => flopsPerExample;
    }
}
