using Bench.Contracts;
using Bench.Submissions.Baseline;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Cuttlefish;

/// <summary>
/// Cuttlefish's training: the baseline's optimizer and schedule on the full-rank model, a stable-rank check of the
/// tracked layers every <c>check_every</c> steps (after the update, inside the step: its cost is the method's), and,
/// one check after <see cref="RankStability"/> finds every tracked layer stable (the reference switches at the epoch
/// after), the factorisation at that check's ranks. The optimizer is then rebuilt over the model's new parameters
/// (as the reference builds a new one): Adam's moments start from zero for every parameter, and the learning rate
/// keeps following the same schedule of the global step.
/// </summary>
public sealed class CuttlefishMethod : TrainingMethod
{
    readonly TrainingSetup setup;
    readonly IReplaceableLayers layers;
    readonly IReadOnlyList<string> tracked;
    readonly CuttlefishHyperparameters h;
    readonly double[] scales;
    readonly int[] fullRanks;
    readonly RankStability stability;
    TrainingMethod inner;
    bool pending;
    double flopsPerExample;

    /// <summary>Builds the baseline's optimizer and takes the initial check (the reference's epoch -1 and 0).</summary>
    public CuttlefishMethod(TrainingSetup setup, IReadOnlyList<string> tracked, CuttlefishHyperparameters h)
    {
        (this.setup, this.tracked, this.h) = (setup, tracked, h);
        layers = (IReplaceableLayers)setup.Model;
        var weights = Weights();
        fullRanks = weights.Select(StableRank.FullRank).ToArray();
        var initial = weights.Select(w => (int)Math.Floor(StableRank.Of(w))).ToArray();
        scales = initial.Select((rank, i) => fullRanks[i] / (double)Math.Max(1, rank)).ToArray();
        stability = new RankStability(tracked.Count, h.Window, h.Threshold);
        stability.Observe(initial);
        inner = BaselineSubmission.WithRecipe(setup, setup.Baseline);
        flopsPerExample = LayerFlops.TrainFlopsPerExample(layers, setup.Data.TrainFlopsPerExample);
    }

    /// <summary>The 0-based step after whose update the model was factorised, or null while it is full-rank.</summary>
    public long? SwitchedAfterStep { get; private set; }

    /// <summary>The layers factorised at the switch, with their ranks (empty before it).</summary>
    public IReadOnlyDictionary<string, int> Factorised { get; private set; } = new Dictionary<string, int>();

    /// <summary>The switch rule's state (checks taken, which layers are stable).</summary>
    public RankStability Stability => stability;

    public override nn.Module Model => setup.Model;

    public override int BatchSize => inner.BatchSize;

    public override double? FlopsPerExample => flopsPerExample;

    public override void OptimizerStep(TrainingState state) => inner.OptimizerStep(state);

    public override void AfterStep(TrainingState state)
    {
        inner.AfterStep(state);
        if (SwitchedAfterStep is not null || (state.Step + 1) % h.CheckEvery != 0) return;
        var ranks = Weights().Select(w => (int)Math.Floor(StableRank.Of(w))).ToArray();
        if (pending) Switch(ranks, state.Step);
        else pending = stability.Observe(ranks);
    }

    void Switch(int[] stableRanks, long step)
    {
        var ranks = tracked.Select((name, i) => (name, rank: CuttlefishSubmission.AdjustedRank(stableRanks[i], scales[i], fullRanks[i], h.ScaledRank)))
            .ToDictionary(p => p.name, p => p.rank);
        var factorised = CuttlefishSubmission.Factorise(layers, ranks);
        Factorised = factorised.ToDictionary(name => name, name => ranks[name]);
        // A new optimizer over the new parameter set; the old one holds the replaced (disposed) dense weights.
        inner.Dispose();
        inner = BaselineSubmission.WithRecipe(setup, setup.Baseline);
        flopsPerExample = LayerFlops.TrainFlopsPerExample(layers, setup.Data.TrainFlopsPerExample);
        SwitchedAfterStep = step;
        Console.Error.WriteLine($"cuttlefish: switched after step {step + 1} (check {stability.Checks}); factorised " +
            (factorised.Count == 0 ? "none" : string.Join(", ", factorised.Select(n => $"{n} r={ranks[n]}/{fullRanks[tracked.ToList().IndexOf(n)]}"))) +
            $"; dense: {string.Join(", ", tracked.Except(factorised))}");
    }

    IReadOnlyList<Tensor> Weights() =>
        tracked.Select(name => CuttlefishSubmission.DenseWeight(layers.Layers.Single(s => s.Name == name))
            ?? throw new InvalidOperationException($"layer '{name}' is no longer dense")).ToList();

    public override void Dispose()
    {
        inner.Dispose();
        base.Dispose();
    }
}
