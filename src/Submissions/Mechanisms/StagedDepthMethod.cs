using Bench.Contracts;
using Bench.Submissions.Common;
using TorchSharp;
using TorchSharp.Modules;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// Training with a depth that grows in stages (<see cref="DepthSchedule"/>): every block of the model is wrapped in a
/// <see cref="GatedBlock"/>, the blocks not yet added are skipped (gate 0), and the baseline's AdamW and warmup-cosine
/// schedule train the rest. A block's parameters join the optimizer, as a new parameter group with fresh moments, at the
/// step the block is added; until then they are neither updated nor decayed. The harness trains the same model object
/// throughout: only its active structure changes. Each step is priced at the blocks it runs.
/// </summary>
/// <remarks>
/// The gates and the optimizer's groups for a step are set before the harness reads <see cref="FlopsPerExample"/>: in
/// <c>AfterStep</c> for the next step (the growth happens there), and in <see cref="TransformBatch"/> for the step itself
/// (step 0, or a caller that starts elsewhere).
/// </remarks>
public sealed class StagedDepthMethod : TrainingMethod
{
    readonly torch.nn.Module model;
    readonly IReplaceableLayers layers;
    readonly IReadOnlyList<GatedBlock> gated;
    readonly DepthSchedule schedule;
    readonly AdamW optimizer;
    readonly BaselineRecipe recipe;
    readonly Func<long, double> rate;
    readonly bool[] inOptimizer;
    readonly double workloadFlops;
    readonly double[] blockFlops; // training FLOPs per example of each block when it runs
    long gatedFor = -1;

    /// <summary>
    /// Wraps <paramref name="model"/>'s blocks (<see cref="IReplaceableLayers.Blocks"/>, before any optimizer exists), sets
    /// step 0's depth and builds the optimizer over the parameters that step trains.
    /// </summary>
    /// <param name="model">The workload's model; it must list its blocks, each applied at every token of the window.</param>
    /// <param name="schedule">The depth stages; its <see cref="DepthSchedule.Blocks"/> must be the model's block count.</param>
    /// <param name="recipe">The baseline's recipe: AdamW's rate, betas and weight decay, the warmup fraction, the batch size.</param>
    /// <param name="budgetSteps">The step budget the cosine decays over (the baseline's horizon).</param>
    /// <param name="workloadFlops">The workload's dense training FLOPs per example (<see cref="WorkloadAccess.TrainFlopsPerExample"/>).</param>
    public StagedDepthMethod(torch.nn.Module model, DepthSchedule schedule, BaselineRecipe recipe, long budgetSteps, double workloadFlops)
    {
        layers = model as IReplaceableLayers ?? throw new ArgumentException($"{model.GetName()} lists no blocks", nameof(model));
        var slots = layers.Blocks;
        if (slots.Count != schedule.Blocks)
            throw new ArgumentException($"the schedule is for {schedule.Blocks} blocks; the model has {slots.Count}", nameof(schedule));
        (this.model, this.schedule, this.recipe, this.workloadFlops) = (model, schedule, recipe, workloadFlops);
        gated = [.. slots.Select(slot =>
        {
            var wrapper = new GatedBlock(slot.Module);
            layers.ReplaceLayer(slot.Name, wrapper); // the wrapper keeps the block: nothing to dispose
            return wrapper;
        })];
        blockFlops = [.. layers.Blocks.Select(BlockTrainFlops)];
        inOptimizer = new bool[gated.Count];
        var blockParameters = gated.SelectMany(g => g.parameters()).Select(p => p.Handle).ToHashSet();
        var first = model.parameters().Where(p => !blockParameters.Contains(p.Handle))
            .Concat(gated.Where((_, i) => schedule.AddedAt(i) == 0).SelectMany(g => g.parameters()));
        for (var i = 0; i < gated.Count; i++) inOptimizer[i] = schedule.AddedAt(i) == 0;
        optimizer = torch.optim.AdamW(first, recipe.LearningRate, recipe.Beta1, recipe.Beta2, weight_decay: recipe.WeightDecay);
        var warmup = (long)Math.Round(recipe.WarmupFraction * budgetSteps);
        rate = step => recipe.LearningRate * WarmupCosine.Factor(step, budgetSteps, warmup);
        SetGates(0);
    }

    /// <summary>The gated blocks, front to back.</summary>
    public IReadOnlyList<GatedBlock> Gated => gated;

    /// <summary>The depth schedule.</summary>
    public DepthSchedule Schedule => schedule;

    /// <summary>The optimizer's parameter groups: the first stage's, then one per block added since.</summary>
    public int ParameterGroups => optimizer.ParamGroups.Count();

    public override torch.nn.Module Model => model;

    public override int BatchSize => recipe.BatchSize;

    /// <summary>
    /// The workload's dense figure less each block that does not run (gate 0): its layers at every token
    /// (<see cref="LayerFlops"/>, so a replaced layer counts at its own cost) and the attention scores and weighted sums the
    /// workload counts for it (4·T·d a token, 3 x for training).
    /// </summary>
    public override double? FlopsPerExample =>
        LayerFlops.TrainFlopsPerExample(layers, workloadFlops) - gated.Select((g, i) => g.Active ? 0 : blockFlops[i]).Sum();

    static double BlockTrainFlops(LayerSlot block)
    {
        var inner = (IReplaceableLayers)block.Module;
        var tokens = block.PositionsPerExample;
        return tokens * inner.Layers.Sum(LayerFlops.TrainPerPosition)
            + LayerFlops.TrainPerForward * 4.0 * block.Inputs * tokens * tokens;
    }

    public override Batch TransformBatch(Batch batch, TrainingState state)
    {
        SetGates(state.Step);
        return batch;
    }

    public override void OptimizerStep(TrainingState state)
    {
        var lr = rate(state.Step);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
        optimizer.step();
    }

    public override void AfterStep(TrainingState state) => SetGates(state.Step + 1);

    /// <summary>Sets every gate to its value at <paramref name="step"/> and adds the blocks added by then to the optimizer.</summary>
    void SetGates(long step)
    {
        if (step == gatedFor) return;
        for (var i = 0; i < gated.Count; i++)
        {
            gated[i].Gate = schedule.GateAt(i, step);
            if (inOptimizer[i] || schedule.AddedAt(i) > step) continue;
            // A new block joins with fresh AdamW moments and the optimizer's defaults (its rate is set every step).
            optimizer.add_param_group(new AdamW.ParamGroup(gated[i].parameters(), new AdamW.Options()));
            inOptimizer[i] = true;
        }
        gatedFor = step;
    }

    public override void Dispose()
    {
        optimizer.Dispose();
        base.Dispose();
    }
}
