using Bench.Contracts;
using Bench.Submissions.Mechanisms;
using TorchSharp;

namespace Bench.Submissions.Common;

/// <summary>
/// The baseline's optimizer and warmup-cosine schedule trained through a <see cref="ResolutionSchedule"/>: each step's
/// images are resized to the phase's side (<see cref="ImageResize"/>), its batch is the phase's, its learning rate is the
/// baseline's times the phase's scale, and it is priced at the FLOPs of the side it runs (<see cref="ResolutionFlops"/>).
/// The warmup-cosine runs over the schedule's examples in baseline-step equivalents (examples / baseline batch), so a
/// schedule of one full-size phase at the baseline batch is the baseline exactly. Shared by multigrid and EfficientNetV2's
/// progressive learning; evaluation is the workload's own (the model is resolution-agnostic through global pooling).
/// </summary>
public sealed class ResolutionScheduleMethod : TrainingMethod
{
    readonly torch.nn.Module<torch.Tensor, torch.Tensor> model;
    readonly SubBatchForward? subBatches;
    readonly torch.optim.Optimizer optimizer;
    readonly BaselineRecipe recipe;
    readonly ResolutionSchedule schedule;
    readonly double[] flops;
    readonly long horizon;
    readonly long warmup;
    readonly Action<int>? onPhase;
    long examples;
    long examplesBefore;
    int phase = -1;

    /// <param name="setup">The trial's set-up; its model must name its layers (<see cref="IReplaceableLayers"/>) to be priced.</param>
    /// <param name="recipe">The baseline recipe: optimizer, peak rate, warmup share; its batch is the base of the phases' scales.</param>
    /// <param name="schedule">The phases; each phase's side must halve evenly through the model's pooling.</param>
    /// <param name="fullSide">The workload's image side (what evaluation sees).</param>
    /// <param name="subBatchNorm">Run a phase's training batch in parts of the baseline batch, so BatchNorm sees as many examples as in the baseline.</param>
    /// <param name="sidesName">The hyperparameters that set the sides, named in the error when a side does not fit the model.</param>
    /// <param name="onPhase">Called with the phase index on entering a phase (before its first step): EfficientNetV2's regularisation.</param>
    public ResolutionScheduleMethod(TrainingSetup setup, BaselineRecipe recipe, ResolutionSchedule schedule, int fullSide, bool subBatchNorm,
        string sidesName, Action<int>? onPhase = null)
    {
        var named = setup.Model as IReplaceableLayers
            ?? throw new ConfigException($"{setup.WorkloadId}'s model does not name its layers ({nameof(IReplaceableLayers)}), so a step at a smaller " +
                "resolution cannot be priced; use --workload cifar10");
        var inner = setup.Model as torch.nn.Module<torch.Tensor, torch.Tensor>
            ?? throw new ConfigException($"{setup.WorkloadId}'s model does not take one image tensor; use --workload cifar10");
        try
        {
            flops = [.. schedule.Phases.Select(p => ResolutionFlops.TrainFlopsPerExample(named, setup.Data.TrainFlopsPerExample, fullSide, p.Side))];
        }
        catch (ArgumentException e)
        {
            throw new ConfigException($"{sidesName} give sides {string.Join(", ", schedule.Phases.Select(p => p.Side).Distinct())} px; " +
                $"{e.Message.Split(" (Parameter")[0]}");
        }
        subBatches = subBatchNorm ? new SubBatchForward(inner) : null;
        model = subBatches ?? inner;
        optimizer = torch.optim.AdamW(setup.Model.parameters(), recipe.LearningRate, recipe.Beta1, recipe.Beta2, weight_decay: recipe.WeightDecay);
        (this.recipe, this.schedule, this.onPhase) = (recipe, schedule, onPhase);
        horizon = Math.Max(1, (long)Math.Ceiling(schedule.TotalExamples / recipe.BatchSize));
        warmup = (long)Math.Round(recipe.WarmupFraction * horizon);
        Enter(0);
    }

    /// <summary>The phase the next step trains in.</summary>
    public int Phase => phase;

    /// <summary>The learning rate of the latest step.</summary>
    public double LearningRate { get; private set; }

    public override torch.nn.Module Model => model;

    public override int BatchSize => schedule.Phases[phase].BatchSize;

    public override double? FlopsPerExample => flops[phase];

    public override Batch TransformBatch(Batch batch, TrainingState state)
    {
        examplesBefore = examples;
        examples += batch.Size;
        return batch with { Inputs = ImageResize.To(batch.Inputs, schedule.Phases[phase].Side) };
    }

    public override void OptimizerStep(TrainingState state)
    {
        // The step's place on the cosine, in baseline-step equivalents of the examples trained before it.
        var step = examplesBefore / recipe.BatchSize;
        LearningRate = recipe.LearningRate * schedule.Phases[phase].LearningRateScale * WarmupCosine.Factor(step, horizon, warmup);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = LearningRate;
        optimizer.step();
    }

    // The harness reads BatchSize and FlopsPerExample before the next step's batch is drawn: the phase changes here.
    public override void AfterStep(TrainingState state) => Enter(schedule.PhaseAt(examples));

    void Enter(int next)
    {
        if (next == phase) return;
        phase = next;
        if (subBatches is not null) subBatches.Splits = Math.Max(1, schedule.Phases[phase].BatchSize / recipe.BatchSize);
        onPhase?.Invoke(phase);
    }

    public override void Dispose()
    {
        optimizer.Dispose();
        base.Dispose();
    }
}
