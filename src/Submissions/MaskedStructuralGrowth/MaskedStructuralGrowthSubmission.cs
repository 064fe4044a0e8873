using Bench.Contracts;
using Bench.Submissions.Common;
using Bench.Submissions.Mechanisms;

namespace Bench.Submissions.MaskedStructuralGrowth;

/// <summary>
/// Masked structural growth along depth ("2x Faster Language Model Pre-training
/// via Masked Structural Growth", arXiv 2305.02869): blocks join in stages as in incremental training, but each new
/// block sits behind a layer mask c, its output x + c (block(x) - x), with c = 0 at the moment of growth (the function
/// is exactly preserved) rising linearly to 1 (<see cref="StagedDepthMethod"/>, <see cref="GatedBlock"/>). Width, FFN
/// width and heads are not grown. Otherwise the baseline's recipe; each step is priced at the blocks it runs.
/// </summary>
public sealed class MaskedStructuralGrowthSubmission : ISubmission
{
    /// <summary>Depth stages at cpu-deep: 2, 4, 6 blocks (the same stages as incremental-layer-training, for the contrast).</summary>
    public const int Stages = 3;

    /// <summary>Fraction of the budget after which all blocks train (the same as incremental-layer-training's).</summary>
    public const double GrowthFraction = 0.5;

    /// <summary>Fraction of the budget a new block's mask takes to reach 1: 75 of 1500 steps, a fifth of a stage (see the card).</summary>
    public const double RampFraction = 0.05;

    public string Id => "masked-structural-growth";

    public string PaperId => "masked-structural-growth";

    /// <summary>The masked, function-preserving depth growth is the paper's; growth of the other dimensions and its schedules are not (see the card).</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string Description => "blocks added in stages (2 -> 4 -> 6 over the first half of the budget) behind a mask ramped 0 -> 1: " +
        "function-preserving depth growth";

    public WorkloadApplicability AppliesTo => Applicability.Only("tinyshakespeare");

    /// <summary>The smoke and cpu models have 2 blocks, so they grow in 2 stages (1 then 2 blocks); cpu-deep and gpu (6 blocks) use 3.</summary>
    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults(scale);

    static MaskedStructuralGrowthHyperparameters Defaults(string scale) => scale is "smoke" or "cpu" ? new(Stages: 2) : new();

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(() => Defaults(setup.Scale.Name));
        var model = setup.Model as IReplaceableLayers is { Blocks.Count: > 0 } m ? m
            : throw new ConfigException($"{Id} adds whole blocks; {setup.Model.GetName()} lists none ({nameof(IReplaceableLayers)}.Blocks)");
        var budget = setup.Scale.Budget.MaxSteps;
        var schedule = new DepthSchedule(Id, model.Blocks.Count, h.Stages, (long)Math.Round(h.GrowthFraction * budget),
            (long)Math.Round(h.RampFraction * budget), budget);
        return new StagedDepthMethod(setup.Model, schedule, setup.Baseline, budget, setup.Data.TrainFlopsPerExample);
    }
}
