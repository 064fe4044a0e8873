using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;
using TorchSharp;

namespace Bench.Submissions.SparseImagenetTransfer;

/// <summary>
/// Gradual magnitude pruning (GMP; Zhu and Gupta, arXiv 1710.01878), the magnitude-based family of Iofinova, Peste, Kurtz
/// and Alistarh, "How Well Do Sparse ImageNet Models Transfer?" (arXiv 2111.13445): the network trains dense with the
/// baseline's recipe, and from <c>start_fraction</c> to <c>end_fraction</c> of the step budget every convolution is pruned
/// every <c>prune_every</c> steps to the cubic schedule's sparsity by weight magnitude (uniform across layers), reaching
/// <c>sparsity</c> at the end and training on with the mask fixed. Masked weights get no gradient and are zeroed again
/// after every optimizer step. The paper's claim is about transfer, not speed: <c>repro transfer</c> runs its study.
/// </summary>
public sealed class GmpSubmission : ISubmission
{
    /// <summary>The paper's headline sparsity for its GMP ResNet-50 (90%; it reports 80%, 90% and 95%).</summary>
    public const double DefaultSparsity = 0.9;

    /// <summary>t0: pruning starts after 10% of the budget, once the warmup is over (see the card).</summary>
    public const double DefaultStartFraction = 0.1;

    /// <summary>t_end: the final sparsity at 75% of the budget, leaving a quarter to recover (see the card).</summary>
    public const double DefaultEndFraction = 0.75;

    /// <summary>Δt: masks updated every 10 steps inside the window (see the card).</summary>
    public const int DefaultPruneEvery = 10;

    public string Id => "gmp";

    public string PaperId => "sparse-imagenet-transfer";

    /// <summary>A small CNN on CIFAR-10, GMP only, masked dense training (see the card).</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string Description => "gradual magnitude pruning of every convolution to 90% (cubic schedule from 10% to 75% of the budget), baseline " +
        "recipe otherwise";

    public WorkloadApplicability AppliesTo => Applicability.Only("cifar10");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults();

    static GmpHyperparameters Defaults() => new();

    /// <summary>A step of the budget at <paramref name="fraction"/>: round(fraction x budget).</summary>
    public static long StepAt(long stepBudget, double fraction) =>
        (long)Math.Round(fraction * Math.Max(0, stepBudget), MidpointRounding.AwayFromZero);

    public TrainingMethod Create(TrainingSetup setup) => Create(setup, setup.HyperparametersOr(Defaults));

    /// <summary>The method with <paramref name="h"/> (the transfer study's 80% arm passes its own).</summary>
    public static GmpMethod Create(TrainingSetup setup, GmpHyperparameters h)
    {
        Check(h);
        var model = setup.Model as IReplaceableLayers
            ?? throw new ConfigException($"gmp needs a model that lists its layers ({nameof(IReplaceableLayers)}); {setup.Model.GetName()} does not");
        var pruner = MagnitudePruner.OverConvolutions(model);
        return new GmpMethod(BaselineSubmission.WithRecipe(setup, setup.Baseline), pruner, h);
    }

    /// <summary>Rejects hyperparameters outside their ranges with a <see cref="ConfigException"/> naming the range.</summary>
    public static void Check(GmpHyperparameters h)
    {
        if (!(h.Sparsity > 0 && h.Sparsity < 1))
            throw new ConfigException($"gmp's sparsity must be in (0, 1), got {h.Sparsity}: the fraction of each convolution's weights that are zero " +
                "at the end (0.9 keeps a tenth)");
        if (!(h.StartFraction >= 0 && h.StartFraction < 1))
            throw new ConfigException($"gmp's start_fraction must be in [0, 1), got {h.StartFraction}: the fraction of the step budget where pruning starts");
        if (!(h.EndFraction > h.StartFraction && h.EndFraction <= 1))
            throw new ConfigException($"gmp's end_fraction must be in (start_fraction, 1] = ({h.StartFraction}, 1], got {h.EndFraction}: the fraction " +
                "of the step budget where the final sparsity is reached");
        if (h.PruneEvery < 1)
            throw new ConfigException($"gmp's prune_every must be an integer >= 1, got {h.PruneEvery}: the steps between mask updates");
    }
}
