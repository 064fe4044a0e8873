using Bench.Contracts;
using Bench.Submissions.Common;
using TorchSharp;

namespace Bench.Submissions.MarsM;

/// <summary>
/// Muon, and MARS-M on top of it (Liu et al., arXiv 2510.21800), for the hidden weight matrices; embeddings, the
/// output head and every 1-D parameter stay with the baseline's AdamW. Both share the baseline's rate, weight
/// decay, warmup and cosine schedule (the RMS-matching scale makes that transfer; see <see cref="MuonOptimizer"/>).
/// A family, so the class is named after the mechanism both share rather than one id: it serves the registry ids
/// <c>muon</c> (<c>mars: false</c>, the paper's control) and <c>mars-m</c> (<c>mars: true</c>); the folder is the paper's.
/// </summary>
public sealed class MuonSubmission(bool mars) : ISubmission
{
    /// <summary>Muon's momentum.</summary>
    public const double Beta = 0.95;

    /// <summary>MARS-M's default correction strength.</summary>
    public const double Gamma = 0.025;

    public string Id => mars ? "mars-m" : "muon";

    /// <summary>MARS-M is an approximate variance correction (see the card); Muon is Muon.</summary>
    public Fidelity Fidelity => mars ? Fidelity.Partial : Fidelity.Faithful;

    public string PaperId => "mars-m";

    public string Description => mars
        ? "MARS-M: Muon on variance-corrected momentum (approximate MARS, gamma 0.025), AdamW elsewhere"
        : "Muon: Newton-Schulz orthogonalised Nesterov momentum on hidden matrices, AdamW elsewhere";

    public WorkloadApplicability AppliesTo => Applicability.NaturalOrDefault("tinyshakespeare", "cifar10");

    /// <summary>
    /// Hidden matrices: the weights (2-D and up) of the model's named layers (<see cref="IReplaceableLayers"/>) other
    /// than the output head and embedding layers, in the model's order. Embedding tables (also those of a named embedding
    /// layer, TransE's translation), position tables and vectors stay with AdamW.
    /// </summary>
    public static List<TorchSharp.Modules.Parameter> HiddenMatrices(torch.nn.Module model) =>
        model is IReplaceableLayers named
            ? [.. named.Layers.Where(l => l.Role is not (LayerRole.Head or LayerRole.Embedding))
                .SelectMany(l => l.Module.parameters()).Where(p => p.dim() >= 2)]
            : throw new NotSupportedException($"muon needs a model that lists its layers ({nameof(IReplaceableLayers)}); {model.GetName()} does not");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults();

    MuonHyperparameters Defaults() => new(Beta, mars ? Gamma : null);

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(Defaults);
        var recipe = setup.Baseline;
        var hidden = HiddenMatrices(setup.Model);
        var muonHandles = hidden.Select(p => p.Handle).ToHashSet();
        var rest = setup.Model.parameters().Where(p => !muonHandles.Contains(p.Handle)).ToList();
        var muon = new MuonOptimizer(hidden, recipe.WeightDecay, h.Momentum, mars ? h.Gamma ?? Gamma : null);
        var adamw = torch.optim.AdamW(rest, recipe.LearningRate, recipe.Beta1, recipe.Beta2, weight_decay: recipe.WeightDecay);
        var horizon = setup.Scale.Budget.MaxSteps;
        var warmup = (long)Math.Round(recipe.WarmupFraction * horizon);
        return new Method(setup.Model, muon, adamw, step => recipe.LearningRate * WarmupCosine.Factor(step, horizon, warmup), recipe.BatchSize);
    }

    sealed class Method(torch.nn.Module model, MuonOptimizer muon, torch.optim.Optimizer adamw, Func<long, double> rate, int batchSize) : TrainingMethod
    {
        public override torch.nn.Module Model => model;

        public override int BatchSize => batchSize;

        public override void OptimizerStep(TrainingState state)
        {
            var r = rate(state.Step);
            muon.Step(r, state.Step);
            foreach (var group in adamw.ParamGroups) group.LearningRate = r;
            adamw.step();
        }

        public override void Dispose()
        {
            muon.Dispose();
            adamw.Dispose();
            base.Dispose();
        }
    }
}
