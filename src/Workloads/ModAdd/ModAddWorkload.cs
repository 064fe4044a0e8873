using Bench.Contracts;
using Bench.Workloads.Common;
using TorchSharp;

namespace Bench.Workloads.ModAdd;

/// <summary>
/// Synthetic modular addition, (a + b) mod p, as in the grokking studies (Power et al. 2022,
/// Nanda et al. 2023). Generated from nothing, so it runs on a fresh offline machine and is the
/// embedded default. See README.md in this folder for targets and calibration.
/// </summary>
public sealed class ModAddWorkload : ScaledWorkload<ModAddWorkload.Settings>
{
    /// <summary>Model and data settings of one scale.</summary>
    public sealed record Settings(int Modulus, double TrainFraction, int Width, int Layers, int Heads, WorkloadScale Scale, BaselineRecipe Baseline)
        : IScaleSettings;

    protected override IReadOnlyDictionary<string, Settings> ByScale { get; } = new Dictionary<string, Settings>
    {
        ["smoke"] = new(
            Modulus: 31, TrainFraction: 0.8, Width: 64, Layers: 1, Heads: 4,
            new WorkloadScale("smoke", new Target("accuracy", MetricDirection.Higher, 0.6), new Budget(MaxSeconds: 60, MaxSteps: 400),
                EvaluateEveryExamples: 128 * 25, ModelSummary: "p=31, 1 layer, width 64"),
            new BaselineRecipe(BatchSize: 128, LearningRate: 3e-3, WeightDecay: 1.0, WarmupFraction: 0.05, Beta2: 0.98)),
        ["cpu"] = new(
            Modulus: 97, TrainFraction: 0.5, Width: 128, Layers: 1, Heads: 4,
            new WorkloadScale("cpu", new Target("accuracy", MetricDirection.Higher, 0.99), new Budget(MaxSeconds: 15, MaxSteps: 500),
                EvaluateEveryExamples: 512 * 50, ModelSummary: "p=97, 1 layer, width 128")
            // Seeds: the A/A of the 10-seed re-measure (results/noise/remeasure-2026-11-29) needs 33 seeds for the goals (grokking
            // time spreads, CV 0.16 in time); 10 is the cap, where the MDS is 1.25x in time and 1.30x in steps.
            { NearTarget = new FineEvaluation(Within: 0.25, EveryExamples: 512 * 5), DefaultSeeds = 10 },
            // The recipe tuned at a 2000-step budget (lr 0.00848528, wd 0.758578) met 0.99 at 14-18% of it (5 seeds, full budget,
            // results/calibration/recalibration-2026-11-29); accuracy cannot rise past 1, so the budget shrank to 500 steps, where
            // that recipe missed (0/5: its cosine decays before grokking). Retuned at 500 steps (results/tuning/modadd, point 7
            // of 16, 2 seeds a point): 5/5 reached against 0/5 for the old recipe on 5 fresh seeds.
            new BaselineRecipe(BatchSize: 512, LearningRate: 0.024, WeightDecay: 0.57544, WarmupFraction: 0.0555556, Beta2: 0.98)),
        ["gpu"] = new(
            Modulus: 113, TrainFraction: 0.3, Width: 128, Layers: 1, Heads: 4,
            new WorkloadScale("gpu", new Target("accuracy", MetricDirection.Higher, 0.99), new Budget(MaxSeconds: 1200, MaxSteps: 20000),
                EvaluateEveryExamples: 3831 * 100, ModelSummary: "p=113, 1 layer, width 128 (Nanda et al.)"),
            new BaselineRecipe(BatchSize: 3831, LearningRate: 1e-3, WeightDecay: 1.0, WarmupFraction: 0.05, Beta2: 0.98)),
    };

    public override string Id => "modadd";

    public override string Description => "Synthetic (a + b) mod p with a small transformer (grokking); no download";

    public override IWorkloadRun Open(RunContext context) => new Run(For(context.Scale.Name), context.Device);

    sealed class Run(Settings settings, torch.Device device) : IWorkloadRun
    {
        readonly ModularAdditionData data = new(settings.Modulus, settings.TrainFraction, device);

        /// <summary>3 x forward matmul FLOPs: blocks at every position plus the head at the last one.</summary>
        public double TrainFlopsPerExample => 3 * (
            settings.Layers * ModularAdditionData.SequenceLength * TransformerBlock.ForwardFlopsPerToken(settings.Width, ModularAdditionData.SequenceLength)
            + 2.0 * settings.Width * settings.Modulus);

        public torch.nn.Module CreateModel() =>
            new ModularAdditionTransformer(settings.Modulus, settings.Width, settings.Layers, settings.Heads).to(device);

        public IBatchSource TrainBatches(int seed) => new ShuffledIndexSource(data.TrainInputs, data.TrainTargets, seed);

        public torch.Tensor Loss(torch.nn.Module model, Batch batch) =>
            torch.nn.functional.cross_entropy(Forward(model, batch.Inputs), batch.Targets);

        public torch.Tensor PerExampleLoss(torch.nn.Module model, Batch batch) =>
            torch.nn.functional.cross_entropy(Forward(model, batch.Inputs), batch.Targets, reduction: torch.nn.Reduction.None);

        public Evaluation Evaluate(torch.nn.Module model) =>
            ClassificationMetrics.Evaluate(x => Forward(model, x), data.ValidationInputs, data.ValidationTargets);

        static torch.Tensor Forward(torch.nn.Module model, torch.Tensor x) => ((ModularAdditionTransformer)model).forward(x);

        public void Dispose() => data.Dispose();
    }
}
