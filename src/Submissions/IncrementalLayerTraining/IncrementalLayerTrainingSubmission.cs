using Bench.Contracts;
using Bench.Submissions.Common;
using Bench.Submissions.Mechanisms;

namespace Bench.Submissions.IncrementalLayerTraining;

/// <summary>
/// Incremental layer-wise training (Li, Fung and Huang, "On the Effectiveness of Incremental Training of Large Language
/// Models", arXiv 2411.18700), the paper's negative result: the model trains with only its first blocks, more blocks
/// joining in equal stages (2, 4, then 6 of the cpu-deep char-GPT's 6 over the first half of the budget), each new
/// block from its initialisation and with fresh optimizer state, the skipped blocks the identity
/// (<see cref="StagedDepthMethod"/>). Otherwise the baseline's recipe; each step is priced at the blocks it runs.
/// </summary>
public sealed class IncrementalLayerTrainingSubmission : ISubmission
{
    /// <summary>Depth stages at cpu-deep: 2, 4, 6 blocks (the paper's S = 4 of 12 layers adds 3 layers a stage; see the card).</summary>
    public const int Stages = 3;

    /// <summary>Fraction of the budget after which all blocks train: the rest is the paper's continual training of the full model.</summary>
    public const double GrowthFraction = 0.5;

    public string Id => "incremental-layer-training";

    public string PaperId => "incremental-layer-training";

    /// <summary>The staged growth is the paper's; its per-stage phase that trains the new layers alone and its scale are not (see the card).</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string Description => "blocks added in stages (2 -> 4 -> 6 over the first half of the budget), new blocks from their initialisation";

    public WorkloadApplicability AppliesTo => Applicability.Only("tinyshakespeare");

    /// <summary>The smoke and cpu models have 2 blocks, so they grow in 2 stages (1 then 2 blocks); cpu-deep and gpu (6 blocks) use 3.</summary>
    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults(scale);

    static IncrementalLayerTrainingHyperparameters Defaults(string scale) => scale is "smoke" or "cpu" ? new(Stages: 2) : new();

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(() => Defaults(setup.Scale.Name));
        var model = setup.Model as IReplaceableLayers is { Blocks.Count: > 0 } m ? m
            : throw new ConfigException($"{Id} adds whole blocks; {setup.Model.GetName()} lists none ({nameof(IReplaceableLayers)}.Blocks)");
        var budget = setup.Scale.Budget.MaxSteps;
        var schedule = new DepthSchedule(Id, model.Blocks.Count, h.Stages, (long)Math.Round(h.GrowthFraction * budget), rampSteps: 0, budget);
        return new StagedDepthMethod(setup.Model, schedule, setup.Baseline, budget, setup.Data.TrainFlopsPerExample);
    }
}
