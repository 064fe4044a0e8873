using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;
using Bench.Submissions.Mechanisms;
using TorchSharp;
using TorchSharp.Modules;

namespace Bench.Submissions.Srigl;

/// <summary>
/// Structured RigL (Lasby, Golubeva, Evci, Nica and Ioannou, "Dynamic Sparse Training with Structured Sparsity", arXiv
/// 2305.02299): the MLP's hidden layers become <see cref="ConstantFanInLinear"/> layers, sparse from the first step with a
/// random constant fan-in mask; every ΔT steps until T_end each layer prunes its smallest weights and regrows, per neuron,
/// the positions of largest dense-gradient magnitude, with a cosine-decayed drop fraction, so every active neuron keeps the
/// same fan-in; a neuron left with too few salient weights (γ_sal) is ablated and its budget shared by the others
/// (<see cref="ConstantFanInMask.Update"/>). At an update step the optimizer step is skipped, as in RigL. Everything else is
/// the baseline's recipe; each step is priced at the sparse layers' FLOPs, an update step also at the dense weight gradient.
/// </summary>
public sealed class SriglSubmission : ISubmission
{
    /// <summary>The claim's sparsity (90%).</summary>
    public const double Sparsity = 0.9;

    /// <summary>ΔT: RigL's and the SRigL reference's default of 100 steps between updates.</summary>
    public const int UpdateInterval = 100;

    /// <summary>α: RigL's and SRigL's initial drop fraction 0.3.</summary>
    public const double DropFraction = 0.3;

    /// <summary>T_end: RigL's and SRigL's 75% of training.</summary>
    public const double EndFraction = 0.75;

    /// <summary>γ_sal: SRigL's 30% for its CNNs (see the card).</summary>
    public const double SalientFraction = 0.3;

    public string Id => "srigl";

    public string PaperId => "srigl";

    /// <summary>Masked dense training (no sparse kernel in training), the claim's latency measured by the micro-benchmark (see the card).</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string Description => "hidden layers 90% sparse with constant fan-in, SRigL prune/regrow every 100 steps with neuron ablation, baseline " +
        "recipe otherwise";

    public WorkloadApplicability AppliesTo => Applicability.Only("fashion-mnist");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults();

    static SriglHyperparameters Defaults() => new();

    /// <summary>T_end for a budget of <paramref name="stepBudget"/> steps: round(fraction x budget).</summary>
    public static long EndStep(long stepBudget, double endFraction) =>
        (long)Math.Round(endFraction * Math.Max(0, stepBudget), MidpointRounding.AwayFromZero);

    /// <summary>
    /// True when the 0-based step <paramref name="step"/> updates the masks: its count t = step + 1 is a multiple of
    /// <paramref name="interval"/> and below <paramref name="endStep"/>.
    /// </summary>
    public static bool IsUpdateStep(long step, int interval, long endStep) => (step + 1) % interval == 0 && step + 1 < endStep;

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(Defaults);
        Check(h);
        var model = setup.Model as IReplaceableLayers
            ?? throw new ConfigException($"srigl needs a model that lists its layers ({nameof(IReplaceableLayers)}); {setup.Model.GetName()} does not");
        var layers = Sparsify(model, h.Sparsity, new Random(setup.Data.Seed));
        // The optimizer is built after the surgery, over the sparse layers' weights.
        var inner = BaselineSubmission.WithRecipe(setup, setup.Baseline);
        return new Method(inner, model, layers, h, setup.Data.TrainFlopsPerExample);
    }

    /// <summary>
    /// Replaces every hidden linear layer of <paramref name="model"/> by a <see cref="ConstantFanInLinear"/> with its weight
    /// and bias and a random mask of fan-in floor(out x in x (1 − sparsity)) / out for every neuron.
    /// </summary>
    public static IReadOnlyList<(ConstantFanInLinear Layer, int NonZeros)> Sparsify(IReplaceableLayers model, double sparsity, Random random)
    {
        var slots = model.Layers.Where(s => s.Role == LayerRole.Hidden).ToList();
        if (slots.Count == 0) throw new ConfigException("srigl sparsifies hidden layers; the model lists none");
        foreach (var slot in slots)
        {
            if (slot.Kind != LayerKind.Linear || slot.Module is not Linear)
                throw new ConfigException($"srigl sparsifies dense linear layers; '{slot.Name}' is a {slot.Kind} computed by {slot.Module.GetName()}");
            if (ConstantFanInMask.NonZeros(slot.Outputs, slot.Inputs, sparsity) < slot.Outputs)
                throw new ConfigException($"srigl's sparsity {sparsity} leaves '{slot.Name}' ({slot.Inputs} -> {slot.Outputs}) less than one weight " +
                    $"per neuron; " +
                    "lower sparsity");
        }
        var layers = new List<(ConstantFanInLinear, int)>();
        foreach (var slot in slots)
        {
            var dense = (Linear)slot.Module;
            var nonZeros = ConstantFanInMask.NonZeros(slot.Outputs, slot.Inputs, sparsity);
            var mask = ConstantFanInMask.Random(slot.Outputs, slot.Inputs, ConstantFanInMask.FanIn(nonZeros, slot.Outputs, slot.Inputs), random);
            var layer = new ConstantFanInLinear(dense.weight!, dense.bias, mask);
            model.ReplaceLayer(slot.Name, layer).Dispose();
            layers.Add((layer, nonZeros));
        }
        return layers;
    }

    static void Check(SriglHyperparameters h)
    {
        if (!(h.Sparsity > 0 && h.Sparsity < 1))
            throw new ConfigException($"srigl's sparsity must be in (0, 1), got {h.Sparsity}: the fraction of each hidden layer's weights that are " +
                $"zero (0.9 keeps a tenth)");
        if (h.UpdateInterval < 1)
            throw new ConfigException($"srigl's update_interval must be an integer >= 1, got {h.UpdateInterval}: the steps between mask updates " +
                $"(the paper's delta T)");
        if (!(h.DropFraction > 0 && h.DropFraction <= 1))
            throw new ConfigException($"srigl's drop_fraction must be in (0, 1], got {h.DropFraction}: the fraction of a layer's weights pruned and " +
                $"regrown at " +
                "the first update (alpha), cosine-decayed to 0");
        if (!(h.EndFraction > 0 && h.EndFraction <= 1))
            throw new ConfigException($"srigl's end_fraction must be in (0, 1], got {h.EndFraction}: the fraction of the step budget after which " +
                $"masks stop changing (T_end)");
        if (!(h.SalientFraction >= 0 && h.SalientFraction < 1))
            throw new ConfigException($"srigl's salient_fraction must be in [0, 1), got {h.SalientFraction}: gamma_sal, the fraction of the " +
                $"constant fan-in a " +
                "neuron keeps in salient weights or is ablated (0: no ablation)");
    }

    /// <summary>
    /// The baseline's method with the masks kept (gradients masked, weights re-masked after the update) and SRigL's mask
    /// update in place of the optimizer step every ΔT steps before T_end.
    /// </summary>
    sealed class Method(TrainingMethod inner, IReplaceableLayers model, IReadOnlyList<(ConstantFanInLinear Layer, int NonZeros)> layers,
        SriglHyperparameters h, double workloadFlopsPerExample) : MethodDecorator(inner)
    {
        bool updating;

        // Sparse forward and backward at the layers' current non-zeros; an update step also computes each layer's dense
        // weight gradient (2 x in x out a example instead of 2 x non-zeros). The harness reads the price before
        // TransformBatch, so AfterStep sets the next step's phase (and TransformBatch the first step's).
        public override double? FlopsPerExample
        {
            get
            {
                var sparse = LayerFlops.TrainFlopsPerExample(model, workloadFlopsPerExample);
                return updating ? sparse + layers.Sum(l => 2.0 * ((double)l.Layer.Outputs * l.Layer.Inputs - l.Layer.NonZeros)) : sparse;
            }
        }

        public override Batch TransformBatch(Batch batch, TrainingState state)
        {
            updating = IsUpdate(state.Step, state.StepHint);
            return base.TransformBatch(batch, state);
        }

        public override void AfterBackward(TrainingState state)
        {
            if (IsUpdate(state.Step, state.StepHint))
            {
                var end = EndStep(state.StepHint, h.EndFraction);
                var drop = ConstantFanInMask.DropFraction(state.Step + 1, h.DropFraction, end);
                foreach (var (layer, nonZeros) in layers) layer.Update(nonZeros, drop, h.SalientFraction, ablate: h.SalientFraction > 0);
            }
            else
            {
                foreach (var (layer, _) in layers) layer.MaskGradient();
            }
            base.AfterBackward(state);
        }

        public override void OptimizerStep(TrainingState state)
        {
            // RigL (and SRigL's reference) updates the masks instead of the weights at an update step.
            if (IsUpdate(state.Step, state.StepHint)) return;
            base.OptimizerStep(state);
            // Adam's moments of a just-pruned weight would move it off zero: the mask holds after every step.
            foreach (var (layer, _) in layers) layer.ApplyMask();
        }

        public override void AfterStep(TrainingState state)
        {
            base.AfterStep(state);
            updating = IsUpdate(state.Step + 1, state.StepHint);
        }

        bool IsUpdate(long step, long stepHint) => IsUpdateStep(step, h.UpdateInterval, EndStep(stepHint, h.EndFraction));
    }
}
