using Bench.Contracts;
using Bench.Submissions.Common;
using Bench.Submissions.Mechanisms;

namespace Bench.Submissions.Multigrid;

/// <summary>
/// Multigrid training's long cycle (Wu, Girshick, He, Feichtenhofer and Krähenbühl, "A Multigrid Method for Efficiently
/// Training Video Models", arXiv 1912.00998) on images: the training images are resized coarse to fine (16, 24, 32 px on
/// CIFAR-10) in <c>long_cycles</c> cycles, each side with a batch scaled inversely to its pixels and the learning rate
/// scaled linearly with the batch, then a fine-tuning phase at the full side (<see cref="MultigridSchedule"/>); BatchNorm
/// normalises over the baseline's batch (sub-batch BatchNorm). Everything else is the baseline's recipe; each step is
/// priced at the FLOPs of the side it runs; evaluation is the workload's, at the full side.
/// </summary>
public sealed class MultigridSubmission : ISubmission
{
    /// <summary>The coarsest side: half of CIFAR-10's 32 (the reference's coarsest spatial factor with short cycles is 1/2).</summary>
    public const int CoarsestSide = 16;

    /// <summary>Sides per long cycle: 16, 24, 32 (the reference's cycle has four spatio-temporal shapes; three spatial ones here).</summary>
    public const int Sides = 3;

    /// <summary>One long cycle per learning-rate stage before the last, and the reference's Kinetics schedule has three.</summary>
    public const int LongCycles = 3;

    /// <summary>The paper's default: 1.5x the baseline's epochs (reference <c>MULTIGRID.EPOCH_FACTOR</c>).</summary>
    public const double EpochFactor = 1.5;

    /// <summary>The reference's final stage (epochs 196-239 of 239), trained as the fine-tuning phase at the base shape.</summary>
    public const double FinalShare = 43.0 / 239;

    public string Id => "multigrid";

    public string PaperId => "multigrid";

    /// <summary>An image-only analogue on a tiny CNN: no temporal dimension, long cycle only (see the card).</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string Description => "long cycles of 16/24/32 px with batch x (32/side)² and LR scaled with it, then full size; baseline recipe otherwise";

    public WorkloadApplicability AppliesTo => Applicability.Only("cifar10");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults();

    static MultigridHyperparameters Defaults() => new();

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(Defaults);
        var full = FullSide(setup, Id);
        Check(h, full);
        var schedule = MultigridSchedule.Build(full, setup.Baseline.BatchSize, setup.Scale.Budget.MaxSteps,
            ResolutionSchedule.EvenSides(h.CoarsestSide, full, h.Sides), h.LongCycles, h.EpochFactor, h.FinalShare);
        return new ResolutionScheduleMethod(setup, setup.Baseline, schedule, full, h.SubBatchNorm, sidesName: "multigrid's coarsest_side and sides");
    }

    /// <summary>The side of the workload's square images (its <see cref="WorkloadAccess.InputShape"/>), or a ConfigException naming <paramref
    /// name="id"/>.</summary>
    public static int FullSide(TrainingSetup setup, string id) =>
        setup.Data.InputShape is [_, var height, var width] && height == width && height > 0 ? (int)width
            : throw new ConfigException($"{id} resizes square images (channels, side, side); {setup.WorkloadId}'s input shape is " +
                $"[{string.Join(", ", setup.Data.InputShape ?? [])}]. Use --workload cifar10");

    static void Check(MultigridHyperparameters h, int full)
    {
        if (h.CoarsestSide < 1 || h.CoarsestSide > full)
            throw new ConfigException($"multigrid's coarsest_side must be in [1, {full}] px, got {h.CoarsestSide}: the smallest image side of the long cycle");
        if (h.Sides < 1 || h.Sides > 16)
            throw new ConfigException($"multigrid's sides must be in [1, 16], got {h.Sides}: how many image sides each long cycle visits, coarsest to full");
        if (h.LongCycles < 1 || h.LongCycles > 100)
            throw new ConfigException($"multigrid's long_cycles must be in [1, 100], got {h.LongCycles}: long cycles before the fine-tuning phase");
        if (!(h.EpochFactor >= 0.1 && h.EpochFactor <= 10))
            throw new ConfigException($"multigrid's epoch_factor must be in [0.1, 10], got {h.EpochFactor}: epochs trained over the baseline's (1.5 " +
                $"the paper's)");
        if (!(h.FinalShare >= 0 && h.FinalShare < 1))
            throw new ConfigException($"multigrid's final_share must be in [0, 1), got {h.FinalShare}: the share of the baseline's epochs whose " +
                "counterpart trains at the full side at the end");
    }
}
