using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Submissions.SniperTraining;

/// <summary>
/// SNIPER training (Lam, Zhang, Chen, Sisman and Herremans, "SNIPER Training: Single-Shot Sparse Training for
/// Text-to-Speech", arXiv 2211.07283): every linear layer of the char-GPT (attention, feed-forward, head; not the
/// embeddings or norms) becomes a <see cref="MaskedLinear"/>; in the first step SNIP scores every weight on a few training
/// batches (charged to the method) and masks the least salient globally at the initial sparsity; the sparsity then decays
/// (<see cref="SniperSchedule"/>) to 0 and re-enabled weights start at their initial values (or 0). The control arm
/// <c>sniper-constant</c> keeps the initial SNIP mask for the whole run. Everything else is the baseline's recipe; each
/// step is priced at the FLOPs of its density.
/// </summary>
public sealed class SniperSubmission(bool constant) : ISubmission
{
    /// <summary>The reference configuration's starting sparsity (its <c>sniper40to0</c> run, 40%).</summary>
    public const double InitialSparsity = 0.4;

    /// <summary>The reference configuration turns dense at epoch 20 of its 400: 5% of training.</summary>
    public const double DenseAt = 0.05;

    /// <summary>The reference configuration's per-parameter cap (<c>max_param_sparsity: 75</c>).</summary>
    public const double MaxLayerSparsity = 0.75;

    /// <summary>Batches SNIP sums its gradients over (the reference uses one pass of its data; see the card).</summary>
    public const int SnipBatches = 10;

    public string Id => constant ? "sniper-constant" : "sniper-training";

    public string PaperId => "sniper-training";

    /// <summary>Text-to-speech claim carried to a char-GPT, no per-layer learning-rate scaling, few SNIP batches (see the card).</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string Description => constant
        ? "sniper-training's control: the same SNIP mask at 40% sparsity for the whole run, baseline recipe otherwise"
        : "SNIP mask at init (40% of all linear weights), sparsity halved at 1.25% and 2.5% of the budget, dense from 5%, baseline recipe otherwise";

    public WorkloadApplicability AppliesTo => Applicability.Only("tinyshakespeare");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults();

    static SniperHyperparameters Defaults() => new();

    /// <summary>The sparsity this arm trains step <paramref name="step"/> at: the schedule, or the initial sparsity throughout.</summary>
    public double SparsityAt(long step, long stepBudget, SniperHyperparameters h) =>
        constant ? h.InitialSparsity : SniperSchedule.SparsityAt(step, stepBudget, h.InitialSparsity, h.DenseAt);

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(Defaults);
        Check(h);
        var model = setup.Model as IReplaceableLayers
            ?? throw new ConfigException($"{Id} needs a model that lists its layers ({nameof(IReplaceableLayers)}); {setup.Model.GetName()} does not");
        var layers = Wrap(model);
        // The optimizer is built after the surgery, over the new layers' weights (copies of the dense ones).
        var inner = BaselineSubmission.WithRecipe(setup, setup.Baseline);
        return new Method(this, inner, setup, model, layers, h);
    }

    /// <summary>Replaces every linear layer of <paramref name="model"/> by an unmasked <see cref="MaskedLinear"/> with its weight and bias.</summary>
    public static IReadOnlyList<MaskedLinear> Wrap(IReplaceableLayers model)
    {
        var slots = model.Layers.Where(s => s.Kind == LayerKind.Linear).ToList();
        foreach (var slot in slots)
            if (slot.Module is not Linear)
                throw new ConfigException($"SNIPER masks dense linear layers; '{slot.Name}' is computed by {slot.Module.GetName()}");
        var layers = new List<MaskedLinear>();
        foreach (var slot in slots)
        {
            var dense = (Linear)slot.Module;
            var layer = new MaskedLinear(dense.weight!, dense.bias);
            model.ReplaceLayer(slot.Name, layer).Dispose();
            layers.Add(layer);
        }
        return layers;
    }

    static void Check(SniperHyperparameters h)
    {
        if (!(h.InitialSparsity >= 0 && h.InitialSparsity < 1))
            throw new ConfigException($"sniper's initial_sparsity must be in [0, 1), got {h.InitialSparsity}: the fraction of the prunable weights " +
                $"masked at the start (0: dense)");
        if (!(h.DenseAt > 0 && h.DenseAt <= 1))
            throw new ConfigException($"sniper's dense_at must be in (0, 1], got {h.DenseAt}: the fraction of the step budget at which the sparsity reaches 0");
        if (!(h.MaxLayerSparsity >= 0 && h.MaxLayerSparsity <= 1))
            throw new ConfigException($"sniper's max_layer_sparsity must be in [0, 1], got {h.MaxLayerSparsity}: the largest fraction of any one " +
                $"layer's weights that is masked (1: no cap)");
        if (h.SnipBatches is < 1 or > 10_000)
            throw new ConfigException($"sniper's snip_batches must be in [1, 10000], got {h.SnipBatches}: the training batches SNIP's saliency is summed over");
    }

    /// <summary>
    /// The baseline's method with SNIP in the first step and the mask of each step's sparsity; priced at the FLOPs of the
    /// masked model it runs.
    /// </summary>
    sealed class Method : MethodDecorator
    {
        readonly SniperSubmission arm;
        readonly TrainingSetup setup;
        readonly IReplaceableLayers model;
        readonly IReadOnlyList<MaskedLinear> layers;
        readonly SniperHyperparameters h;
        readonly List<Tensor> initial;
        IReadOnlyList<Tensor>? saliencies;
        bool scored;
        double sparsity;
        double flopsPerExample;

        public Method(SniperSubmission arm, TrainingMethod inner, TrainingSetup setup, IReplaceableLayers model,
            IReadOnlyList<MaskedLinear> layers, SniperHyperparameters h) : base(inner)
        {
            (this.arm, this.setup, this.model, this.layers, this.h) = (arm, setup, model, layers, h);
            // The initial weights, for re-enabled weights to start from (the reference's restore_init_values).
            initial = h.RestoreInit ? [.. layers.Select(l => l.Weight.detach().clone().DetachFromDisposeScope())] : [];
            flopsPerExample = setup.Data.TrainFlopsPerExample;
        }

        // The harness reads the price before TransformBatch; AfterStep sets the next step's mask (and the first step's
        // TransformBatch the first one's, after SNIP), so each step after the first is priced at the density it runs.
        public override double? FlopsPerExample => flopsPerExample;

        public override Batch TransformBatch(Batch batch, TrainingState state)
        {
            if (!scored) Score(state);
            Apply(arm.SparsityAt(state.Step, state.StepHint, h));
            return base.TransformBatch(batch, state);
        }

        public override void AfterStep(TrainingState state)
        {
            base.AfterStep(state);
            Apply(arm.SparsityAt(state.Step + 1, state.StepHint, h));
        }

        /// <summary>SNIP on the unmasked initial model, over batches of a second training stream, charged as training examples.</summary>
        void Score(TrainingState state)
        {
            scored = true;
            if (h.InitialSparsity == 0) return;
            var batches = setup.Data.SideTrainBatches(TrainStream);
            var weights = layers.Select(l => (Tensor)l.Weight).ToList();
            saliencies = SnipMask.Saliency(weights, () => setup.Data.Loss(Model, batches.Next(BatchSize)), h.SnipBatches);
            // A forward and backward pass of each example, at the dense price the harness read for this step.
            state.Charge((double)h.SnipBatches * BatchSize);
        }

        void Apply(double next)
        {
            if (next == sparsity || saliencies is null) return;
            using (var scope = NewDisposeScope())
            {
                var masks = next == 0 ? null : SnipMask.Masks(saliencies, next, h.MaxLayerSparsity);
                for (var i = 0; i < layers.Count; i++)
                    layers[i].SetMask(masks?[i], h.RestoreInit ? initial[i] : null);
            }
            sparsity = next;
            flopsPerExample = LayerFlops.TrainFlopsPerExample(model, setup.Data.TrainFlopsPerExample);
            // Dense for good: the saliencies and initial weights are no longer needed.
            if (next == 0) FreeScores();
        }

        void FreeScores()
        {
            foreach (var s in saliencies ?? []) s.Dispose();
            saliencies = null;
            foreach (var w in initial) w.Dispose();
            initial.Clear();
        }

        public override void Dispose()
        {
            FreeScores();
            base.Dispose();
        }
    }
}
