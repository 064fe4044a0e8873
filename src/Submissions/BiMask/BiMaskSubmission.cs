using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;
using TorchSharp.Modules;

namespace Bench.Submissions.BiMask;

/// <summary>
/// Bi-directional masks for N:M sparse training (Zhang et al., "Bi-directional Masks for Efficient N:M Sparse
/// Training", arXiv 2302.06058): every convolution of the CIFAR-10 network but the first becomes an
/// <see cref="NmConv2d"/> whose forward uses a 2:4 mask along its inputs and whose input gradient uses a separate 2:4
/// mask along its (permuted) outputs, the permutation searched every <c>permutation_interval</c> steps; the weight
/// gradient is dense with SR-STE's masked decay. With <c>transposable: true</c> it is the paper's baseline, one
/// transposable 2:4 mask for both products (the control arm <c>nm-transposable</c>). Everything else is the
/// baseline's recipe; the step is priced at what 2:4 sparse tensor cores would run (2/3 of a masked layer's dense cost).
/// </summary>
public sealed class BiMaskSubmission(bool transposable) : ISubmission
{
    /// <summary>SR-STE's λ_W, the reference code's default decay.</summary>
    public const double MaskedDecay = 2e-4;

    /// <summary>Steps between permutation searches: the reference code's <c>--iter 100</c>.</summary>
    public const int PermutationInterval = 100;

    /// <summary>Random permutations per search: the reference code's <c>--greedy_num 100</c>.</summary>
    public const int PermutationCandidates = 100;

    public string Id => transposable ? "nm-transposable" : "bi-mask";

    public string PaperId => "bi-mask";

    /// <summary>No sparse tensor cores (judged on steps and FLOPs), a 9-layer network instead of ResNet/VGG, SmallResNet's first conv dense (see the
    /// card).</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string Description => transposable
        ? "control: convolutions trained with one transposable 2:4 mask for forward and input gradient (the paper's baseline)"
        : "convolutions trained with a 2:4 forward mask and a separate permuted 2:4 backward mask (SR-STE decay), baseline recipe otherwise";

    public WorkloadApplicability AppliesTo => Applicability.Only("cifar10");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults();

    static BiMaskHyperparameters Defaults() => new();

    NmMaskMode Mode => transposable ? NmMaskMode.Transposable : NmMaskMode.Bidirectional;

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(Defaults);
        var model = setup.Model as IReplaceableLayers
            ?? throw new ConfigException($"{Id} needs a model that lists its layers ({nameof(IReplaceableLayers)}); {setup.Model.GetName()} does not");
        var layers = Sparsify(model, Mode);
        // The optimizer is built after the surgery, over the new layers' weights (copies of the dense ones).
        var inner = BaselineSubmission.WithRecipe(setup, setup.Baseline);
        var flops = LayerFlops.TrainFlopsPerExample(model, setup.Data.TrainFlopsPerExample);
        return new Method(inner, layers, h, flops, new Random(setup.Data.Seed));
    }

    /// <summary>
    /// True for the convolutions a 2:4 mask applies to in both directions: out and in·k·k multiples of 4 (the first
    /// convolution, 3 input channels x 3 x 3 = 27, is not; the paper also keeps the first layer dense).
    /// </summary>
    public static bool Maskable(LayerSlot slot) =>
        slot.Kind == LayerKind.Conv2d && slot.Outputs % 4 == 0 && slot.Inputs * slot.KernelElements % 4 == 0;

    /// <summary>Replaces every maskable convolution of <paramref name="model"/> by an <see cref="NmConv2d"/> with its weight.</summary>
    public static IReadOnlyList<NmConv2d> Sparsify(IReplaceableLayers model, NmMaskMode mode)
    {
        var layers = new List<NmConv2d>();
        foreach (var slot in model.Layers.Where(Maskable).ToList())
        {
            if (slot.Module is not Conv2d dense || dense.bias is not null)
                throw new ConfigException($"bi-mask masks bias-free convolutions; '{slot.Name}' is computed by {slot.Module.GetName()}");
            var layer = new NmConv2d(dense.weight!, mode);
            model.ReplaceLayer(slot.Name, layer).Dispose();
            layers.Add(layer);
        }
        if (layers.Count == 0) throw new ConfigException("bi-mask found no convolution with 2:4-maskable shapes in the model");
        return layers;
    }

    /// <summary>The baseline's method with the permutation search before every <c>permutation_interval</c>-th step and the masked decay after each
    /// backward.</summary>
    sealed class Method(TrainingMethod inner, IReadOnlyList<NmConv2d> layers, BiMaskHyperparameters h, double flops, Random random)
        : MethodDecorator(inner)
    {
        public override double? FlopsPerExample => flops;

        public override Batch TransformBatch(Batch batch, TrainingState state)
        {
            // On the clock: the search is work the method does.
            if (state.Step % h.PermutationInterval == 0)
                foreach (var layer in layers) layer.SearchPermutation(h.PermutationCandidates, random);
            return base.TransformBatch(batch, state);
        }

        public override void AfterBackward(TrainingState state)
        {
            foreach (var layer in layers) layer.AddMaskedDecay(h.MaskedDecay);
            base.AfterBackward(state);
        }
    }
}
