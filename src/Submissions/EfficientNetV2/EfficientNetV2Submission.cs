using Bench.Contracts;
using Bench.Submissions.Common;
using Bench.Submissions.Mechanisms;
using Bench.Submissions.Multigrid;

namespace Bench.Submissions.EfficientNetV2;

/// <summary>
/// The progressive learning of EfficientNetV2 (Tan and Le, "EfficientNetV2: Smaller Models and Faster Training", arXiv
/// 2104.00298, Sec. 4 and Algorithm 1), without its architecture search: training is split into <c>stages</c> equal parts of
/// the step budget; stage i trains on images resized to a side rising linearly from <c>smallest_side</c> to the full side,
/// with a dropout rate before the classifier head rising linearly from <c>dropout_start</c> to <c>dropout_end</c>. Batch,
/// learning rate and schedule are the baseline's; each step is priced at the FLOPs of the side it runs; evaluation is the
/// workload's, at the full side, without dropout.
/// </summary>
public sealed class EfficientNetV2Submission : ISubmission
{
    /// <summary>Half of CIFAR-10's 32 (the paper's EfficientNetV2-S starts at 128 of 300, Table 6).</summary>
    public const int SmallestSide = 16;

    /// <summary>16, 24, 32 px: every side halves evenly through the model's three poolings (the paper uses four stages).</summary>
    public const int Stages = 3;

    /// <summary>EfficientNetV2-S's dropout range, Table 6: 0.1 to 0.3.</summary>
    public const double DropoutStart = 0.1;

    /// <inheritdoc cref="DropoutStart"/>
    public const double DropoutEnd = 0.3;

    public string Id => "efficientnetv2";

    public string PaperId => "efficientnetv2";

    /// <summary>Progressive learning only, dropout as the only adaptive regulariser, a tiny CNN (see the card).</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string Description => "progressive resizing 16/24/32 px in equal stages with head dropout 0.1 -> 0.3; baseline recipe otherwise";

    public WorkloadApplicability AppliesTo => Applicability.Only("cifar10");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults();

    static EfficientNetV2Hyperparameters Defaults() => new();

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(Defaults);
        var full = MultigridSubmission.FullSide(setup, Id);
        Check(h, full);
        var layers = setup.Model as IReplaceableLayers
            ?? throw new ConfigException($"efficientnetv2 puts its dropout before the classifier head of a model that names its layers; " +
                $"{setup.WorkloadId}'s does not");
        var slot = layers.Layers.FirstOrDefault(l => l.Role == LayerRole.Head)
            ?? throw new ConfigException($"efficientnetv2 puts its dropout before the classifier head, and {setup.WorkloadId}'s model names none");
        var head = new HeadDropout(slot.Module);
        layers.ReplaceLayer(slot.Name, head);
        var schedule = Build(full, setup.Baseline.BatchSize, setup.Scale.Budget.MaxSteps, h.SmallestSide, h.Stages);
        return new ResolutionScheduleMethod(setup, setup.Baseline, schedule, full, subBatchNorm: false,
            sidesName: "efficientnetv2's smallest_side and stages", onPhase: stage => head.Rate = DropoutOf(h, stage));
    }

    /// <summary>
    /// The stages: equal shares of the baseline's examples (step budget x batch), sides <see cref="ResolutionSchedule.EvenSides"/>
    /// from <paramref name="smallest"/> to <paramref name="full"/>, at the baseline's batch and learning rate.
    /// </summary>
    public static ResolutionSchedule Build(int full, int baseBatch, long stepBudget, int smallest, int stages)
    {
        var sides = ResolutionSchedule.EvenSides(smallest, full, stages);
        double examples = (double)stepBudget * baseBatch;
        return new ResolutionSchedule([.. sides.Select((side, i) => new ResolutionPhase(side, baseBatch, 1, examples * (i + 1) / stages))]);
    }

    /// <summary>Stage <paramref name="stage"/>'s dropout: linear from the first stage's rate to the last's (Algorithm 1).</summary>
    public static double DropoutOf(EfficientNetV2Hyperparameters h, int stage) =>
        h.Stages == 1 ? h.DropoutEnd : h.DropoutStart + (h.DropoutEnd - h.DropoutStart) * stage / (h.Stages - 1);

    static void Check(EfficientNetV2Hyperparameters h, int full)
    {
        if (h.SmallestSide < 1 || h.SmallestSide > full)
            throw new ConfigException($"efficientnetv2's smallest_side must be in [1, {full}] px, got {h.SmallestSide}: the image side of the first stage");
        if (h.Stages < 1 || h.Stages > 16)
            throw new ConfigException($"efficientnetv2's stages must be in [1, 16], got {h.Stages}: training stages, image side and dropout rising");
        if (!(h.DropoutStart >= 0 && h.DropoutStart < 1))
            throw new ConfigException($"efficientnetv2's dropout_start must be in [0, 1), got {h.DropoutStart}: the first stage's dropout rate " +
                $"before the head");
        if (!(h.DropoutEnd >= 0 && h.DropoutEnd < 1))
            throw new ConfigException($"efficientnetv2's dropout_end must be in [0, 1), got {h.DropoutEnd}: the last stage's dropout rate before the head");
    }
}
