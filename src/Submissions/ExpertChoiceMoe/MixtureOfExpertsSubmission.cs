using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;
using TorchSharp;

namespace Bench.Submissions.ExpertChoiceMoe;

/// <summary>
/// Mixture-of-Experts with Expert Choice Routing (Zhou et al., arXiv 2202.09368) and its paper's control, on the
/// char-GPT: the MLP of every other block (<c>moe_every</c>) is replaced as a unit
/// (<see cref="IReplaceableLayers.Composites"/>) by a <see cref="MixtureOfExperts"/> of 8 experts before the first step.
/// <list type="bullet">
/// <item><c>expert-choice-moe</c>: expert-choice routing, capacity factor 2, experts of hidden width 2 x width (a token
/// gets 2 expert passes on average, so the layer costs what the dense 4 x width MLP does), no auxiliary loss.</item>
/// <item><c>switch-top1</c>, the control: Switch's top-1 token choice, capacity factor 1.25, experts of hidden width
/// 4 x width (one pass per kept token: the same active FLOPs), auxiliary load-balancing loss α = 0.01.</item>
/// </list>
/// Everything else is the baseline's recipe; the step is priced at the mixture's FLOPs (router plus the expert passes run).
/// </summary>
public sealed class MixtureOfExpertsSubmission(MoeRouting routing) : ISubmission
{
    /// <summary>E = 8 experts per mixture (papers.csv's plan; the paper's smallest models use 16-64).</summary>
    public const int Experts = 8;

    /// <summary>The paper's default capacity factor c = 2 (EC-CF2).</summary>
    public const double ExpertChoiceCapacity = 2.0;

    /// <summary>Expert hidden width 2 x width: at c = 2 passes per token, the dense MLP's 4 x width of work.</summary>
    public const double ExpertChoiceWidth = 2.0;

    /// <summary>Switch Transformer's training capacity factor 1.25.</summary>
    public const double SwitchCapacity = 1.25;

    /// <summary>Expert hidden width 4 x width: one pass per token, the dense MLP's work.</summary>
    public const double SwitchWidth = 4.0;

    /// <summary>Switch Transformer's auxiliary loss weight α = 10⁻².</summary>
    public const double SwitchAuxiliaryWeight = 0.01;

    /// <summary>A mixture in every other block (GShard, GLaM, and the paper's models).</summary>
    public const int MoeEvery = 2;

    public string Id => routing == MoeRouting.ExpertChoice ? "expert-choice-moe" : "switch-top1";

    public string PaperId => "expert-choice-moe";

    /// <summary>A 2-block model with one mixture, no GShard top-2 arm, batch-level routing at evaluation (see the card).</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string Description => routing == MoeRouting.ExpertChoice
        ? "every other MLP an 8-expert mixture with expert-choice routing (capacity 2, experts 2x width), baseline recipe otherwise"
        : "expert-choice-moe's control: Switch top-1 token-choice routing (capacity 1.25, experts 4x width, aux loss 0.01)";

    public WorkloadApplicability AppliesTo => Applicability.Only("tinyshakespeare");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults();

    MoeHyperparameters Defaults() => routing == MoeRouting.ExpertChoice
        ? new()
        : new(CapacityFactor: SwitchCapacity, ExpertWidthMultiple: SwitchWidth, AuxLossWeight: SwitchAuxiliaryWeight);

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(Defaults);
        Check(h);
        var model = setup.Model as IReplaceableLayers
            ?? throw new ConfigException($"{Id} needs a model that lists its layers ({nameof(IReplaceableLayers)}); {setup.Model.GetName()} does not");
        var mixtures = Replace(model, routing, h);
        // The optimizer is built after the surgery, over the router and experts: the replaced MLPs are gone from the model.
        return new Method(BaselineSubmission.WithRecipe(setup, setup.Baseline), model, mixtures, setup.Data.TrainFlopsPerExample);
    }

    /// <summary>
    /// Replaces the feed-forward unit of every <c>moe_every</c>-th block of <paramref name="model"/> (the 2nd, 4th, ... at 2)
    /// by a fresh <see cref="MixtureOfExperts"/> and disposes the dense layers; returns the mixtures.
    /// </summary>
    public static IReadOnlyList<MixtureOfExperts> Replace(IReplaceableLayers model, MoeRouting routing, MoeHyperparameters h)
    {
        var units = model.Composites.Where(s => s.Role == LayerRole.FeedForward).ToList();
        if (units.Count == 0)
            throw new ConfigException($"a mixture of experts replaces feed-forward units; {((torch.nn.Module)model).GetName()} lists none");
        if (h.MoeEvery > units.Count)
            throw new ConfigException($"moe_every must be in [1, {units.Count}] for a model of {units.Count} feed-forward blocks, got {h.MoeEvery}");
        var mixtures = new List<MixtureOfExperts>();
        foreach (var slot in units.Where((_, i) => (i + 1) % h.MoeEvery == 0))
        {
            var hidden = Math.Max(1, (int)Math.Round(h.ExpertWidthMultiple * slot.Inputs, MidpointRounding.AwayFromZero));
            var mixture = new MixtureOfExperts(slot.Inputs, hidden, h.Experts, routing, h.CapacityFactor,
                routing == MoeRouting.TokenChoiceTop1 ? h.AuxLossWeight : 0);
            model.ReplaceLayer(slot.Name, mixture).Dispose();
            mixtures.Add(mixture);
        }
        return mixtures;
    }

    void Check(MoeHyperparameters h)
    {
        if (h.Experts is < 2 or > 64) throw new ConfigException($"{Id}'s experts must be in [2, 64], got {h.Experts}: the number of experts of each mixture");
        if (!(h.CapacityFactor > 0 && h.CapacityFactor <= 64))
            throw new ConfigException($"{Id}'s capacity_factor must be in (0, 64], got {h.CapacityFactor}: c in k = n * c / experts");
        if (!(h.ExpertWidthMultiple > 0 && h.ExpertWidthMultiple <= 16))
            throw new ConfigException($"{Id}'s expert_width_multiple must be in (0, 16], got {h.ExpertWidthMultiple}: each expert's hidden width " +
                $"over the model width");
        if (h.MoeEvery < 1) throw new ConfigException($"{Id}'s moe_every must be at least 1, got {h.MoeEvery}: a mixture in every moe_every-th block");
        if (!(h.AuxLossWeight >= 0 && h.AuxLossWeight <= 1))
            throw new ConfigException($"{Id}'s aux_loss_weight must be in [0, 1], got {h.AuxLossWeight}: Switch's load-balancing weight alpha");
    }

    /// <summary>
    /// The baseline's method on the model with mixtures: back-propagates the auxiliary losses after the harness's backward,
    /// and prices each step at the mixtures' FLOPs as of the last forward (token choice's kept share varies).
    /// </summary>
    sealed class Method(TrainingMethod inner, IReplaceableLayers model, IReadOnlyList<MixtureOfExperts> mixtures, double workloadFlops)
        : MethodDecorator(inner)
    {
        public override double? FlopsPerExample => LayerFlops.TrainFlopsPerExample(model, workloadFlops);

        public override void AfterBackward(TrainingState state)
        {
            foreach (var mixture in mixtures) mixture.BackwardAuxiliaryLoss();
            base.AfterBackward(state);
        }
    }
}
