using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;
using Bench.Submissions.Mechanisms;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Submissions.Cuttlefish;

/// <summary>
/// Cuttlefish (Wang, Agarwal, U-chupala, Xu and Papailiopoulos, "Cuttlefish: Low-Rank Model Training without All the
/// Tuning", arXiv 2305.02538): train full-rank while tracking each layer's stable rank; once every tracked layer's rank
/// curve has flattened (<see cref="RankStability"/>), factorise each layer whose factorised form costs fewer FLOPs by
/// the truncated SVD of its current weight at its (scaled) stable rank, and train on. The first and last layers stay
/// full-rank. Everything else is the baseline's recipe; the optimizer is rebuilt over the new parameters at the switch,
/// and each step is priced at the FLOPs of the model it runs.
/// </summary>
public sealed class CuttlefishSubmission : ISubmission
{
    /// <summary>Steps between checks: 60 checks in the cpu budget of 300 steps, so the 15-check window ends at step 75 (see the card).</summary>
    public const int CheckEvery = 5;

    /// <summary>The reference's window: no layer is stable before the 15th check, and the moving average spans 15 checks.</summary>
    public const int Window = 15;

    /// <summary>The reference's slope threshold, in rank per check.</summary>
    public const double Threshold = 0.1;

    public string Id => "cuttlefish";

    public string PaperId => "cuttlefish";

    /// <summary>Checks every few steps instead of every epoch, no extra BatchNorm or Frobenius decay, FLOP-based profitability (see the card).</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string Description => "full-rank until the layers' stable ranks settle, then SVD-factorised at the scaled stable rank where it saves " +
        "FLOPs; baseline recipe otherwise";

    public WorkloadApplicability AppliesTo => Applicability.Only("cifar10");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults();

    static CuttlefishHyperparameters Defaults() => new();

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(Defaults);
        Check(h);
        var model = setup.Model as IReplaceableLayers
            ?? throw new ConfigException($"cuttlefish needs a model that lists its layers ({nameof(IReplaceableLayers)}); {setup.Model.GetName()} does not");
        var tracked = Tracked(model);
        if (tracked.Count == 0)
            throw new ConfigException($"cuttlefish factorises dense convolutions and linear layers between the first and the last; " +
                $"{setup.Model.GetName()} has none");
        return new CuttlefishMethod(setup, tracked.Select(s => s.Name).ToList(), h);
    }

    /// <summary>
    /// The layers Cuttlefish tracks and may factorise: every dense 2-D convolution or linear layer except the model's
    /// first and last (which the paper keeps full-rank), in forward order.
    /// </summary>
    public static IReadOnlyList<LayerSlot> Tracked(IReplaceableLayers model)
    {
        var layers = model.Layers;
        return layers.Skip(1).Take(layers.Count - 2).Where(s => DenseWeight(s) is not null).ToList();
    }

    /// <summary>The weight of the slot's module if it is a dense Conv2d or Linear, else null.</summary>
    public static Tensor? DenseWeight(LayerSlot slot) => (slot.Kind, slot.Module) switch
    {
        (LayerKind.Conv2d, Conv2d conv) => conv.weight,
        (LayerKind.Linear, Linear linear) => linear.weight,
        _ => null,
    };

    /// <summary>
    /// The rank a layer is factorised at, as the reference computes it: the floored stable rank
    /// <paramref name="stableRank"/>, times <paramref name="scale"/> (full rank over the floored stable rank at
    /// initialisation) and rounded up when <paramref name="scaled"/>, never above <paramref name="fullRank"/>.
    /// </summary>
    public static int AdjustedRank(int stableRank, double scale, int fullRank, bool scaled) =>
        Math.Clamp(scaled ? (int)Math.Ceiling(stableRank * scale - 1e-9) : stableRank, 1, fullRank);

    /// <summary>Forward FLOPs per position of the slot's layer factorised at <paramref name="rank"/>: 2 r (in·k² + out).</summary>
    public static double FactorisedForwardPerPosition(LayerSlot slot, int rank) => 2.0 * rank * (slot.Inputs * slot.KernelElements + slot.Outputs);

    /// <summary>True when the factorised layer costs fewer FLOPs than the dense one.</summary>
    public static bool Profitable(LayerSlot slot, int rank) => FactorisedForwardPerPosition(slot, rank) < LayerFlops.DenseForwardPerPosition(slot);

    /// <summary>
    /// Replaces each named layer whose factorisation at its rank in <paramref name="ranks"/> is
    /// <see cref="Profitable"/> by the truncated SVD of its current weight (<see cref="LowRankConv2d"/> or
    /// <see cref="LowRankLinear"/>); the others stay dense. Returns the names factorised.
    /// </summary>
    public static IReadOnlyList<string> Factorise(IReplaceableLayers model, IReadOnlyDictionary<string, int> ranks)
    {
        var factorised = new List<string>();
        foreach (var slot in model.Layers.Where(s => ranks.ContainsKey(s.Name)).ToList())
        {
            var rank = ranks[slot.Name];
            if (!Profitable(slot, rank)) continue;
            nn.Module<Tensor, Tensor> replacement = slot.Module switch
            {
                Conv2d conv => LowRankConv2d.FromDense(conv.weight!, conv.bias, rank),
                Linear linear => LowRankLinear.FromDense(linear.weight!, linear.bias, rank),
                _ => throw new ConfigException($"cuttlefish factorises dense Conv2d and Linear layers; '{slot.Name}' is computed by {slot.Module.GetName()}"),
            };
            // The switch runs inside a training step's dispose scope: the new factors must outlive it.
            foreach (var parameter in replacement.parameters()) parameter.DetachFromDisposeScope();
            model.ReplaceLayer(slot.Name, replacement).Dispose();
            factorised.Add(slot.Name);
        }
        return factorised;
    }

    static void Check(CuttlefishHyperparameters h)
    {
        if (h.CheckEvery < 1)
            throw new ConfigException($"cuttlefish's check_every must be in [1, 1000000], got {h.CheckEvery}: the steps between two stable-rank checks");
        if (h.Window < 1)
            throw new ConfigException($"cuttlefish's window must be in [1, 1000], got {h.Window}: the checks before a layer may count as stable");
        if (!(h.Threshold >= 0 && h.Threshold <= 1e6))
            throw new ConfigException($"cuttlefish's threshold must be in [0, 1e6], got {h.Threshold}: the largest mean slope of a stable layer's rank curve");
    }
}
