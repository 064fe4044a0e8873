using Bench.Contracts;
using Bench.Workloads.Common;
using Bench.Contracts.Data;
using TorchSharp;

namespace Bench.Workloads.KgTranse;

/// <summary>
/// Link prediction with TransE on UMLS (smoke, cpu) and WN18RR (gpu), trained with a margin ranking
/// loss over corrupted triples, evaluated with filtered MRR and Hits@k on the test split. See README.md.
/// </summary>
public sealed class KgTranseWorkload : ScaledWorkload<KgTranseWorkload.Settings>
{
    /// <summary>Model and data settings of one scale.</summary>
    public sealed record Settings(DatasetSpec Graph, int Dimensions, int Norm, double Margin, WorkloadScale Scale, BaselineRecipe Baseline) : IScaleSettings;

    const string ConvE = "TimDettmers/ConvE @ f3c0eb28 (the archive's train/valid/test.txt)";

    public static readonly DatasetSpec Umls = new("UMLS", "kg/umls",
    [
        new DatasetFile("train.txt", "873ef4925516b83e7f6f8cc02b4be51d848828710a7f65a956f0ac4a9e452f35"),
        new DatasetFile("valid.txt", "025c98f8a4891e2a6582ec5b40ee0d904031edad9c52554522f4b7904820c98e"),
        new DatasetFile("test.txt", "a7eb529a3d2810fcc96341ccc97c625a5e202f8389673aa6bd317eeebbb79014"),
    ], ConvE + " umls.tar.gz");

    public static readonly DatasetSpec Wn18rr = new("WN18RR", "kg/wn18rr",
    [
        new DatasetFile("train.txt", "038612e783c215ee5f3ca9fbfca27b8d0739be1028fe4ee7c174aecf0b83d5df"),
        new DatasetFile("valid.txt", "453ce7202afa58094a04d2b1560ee2b02660f1c260b32ce6651c8ccedd1028ab"),
        new DatasetFile("test.txt", "0383bceaaa1096cf3c03ec021ed0048068e2355dbfc0239b292cefdac821cec5"),
    ], ConvE + " WN18RR.tar.gz");

    protected override IReadOnlyDictionary<string, Settings> ByScale { get; } = new Dictionary<string, Settings>
    {
        ["smoke"] = new(Umls, Dimensions: 32, Norm: 1, Margin: 1.0,
            new WorkloadScale("smoke", new Target("mrr", MetricDirection.Higher, 0.53), new Budget(MaxSeconds: 60, MaxSteps: 300),
                EvaluateEveryExamples: 256 * 25, ModelSummary: "UMLS, TransE d=32, L1"),
            new BaselineRecipe(BatchSize: 256, LearningRate: 5e-2, WeightDecay: 0, WarmupFraction: 0.02)),
        ["cpu"] = new(Umls, Dimensions: 100, Norm: 1, Margin: 1.0,
            new WorkloadScale("cpu", new Target("mrr", MetricDirection.Higher, 0.69), new Budget(MaxSeconds: 60, MaxSteps: 1000),
                EvaluateEveryExamples: 256 * 50, ModelSummary: "UMLS, TransE d=100, L1")
            // Seeds: 6 meet the goals (MDS 1.20x time, 1.15x steps) by the A/A of results/noise/remeasure-2026-11-29.
            { NearTarget = new FineEvaluation(Within: 0.05, EveryExamples: 256 * 10), DefaultSeeds = 6 },
            new BaselineRecipe(BatchSize: 256, LearningRate: 5e-2, WeightDecay: 0, WarmupFraction: 0.02)),
        ["gpu"] = new(Wn18rr, Dimensions: 200, Norm: 1, Margin: 2.0,
            new WorkloadScale("gpu", new Target("mrr", MetricDirection.Higher, 0.20), new Budget(MaxSeconds: 1800, MaxSteps: 50_000),
                EvaluateEveryExamples: 86_835 * 5, ModelSummary: "WN18RR, TransE d=200, L1"),
            new BaselineRecipe(BatchSize: 1024, LearningRate: 1e-3, WeightDecay: 0, WarmupFraction: 0.01)),
    };

    public override string Id => "kg-transe";

    public override string Description => "Knowledge-graph link prediction with TransE (UMLS, WN18RR); filtered MRR";

    /// <summary>
    /// One thread: TransE's small embedding gathers lose more to thread synchronisation than a second core gains
    /// (cpu scale, baseline, seeds 0-1 on the 2-core avx512 machine: 0.45 and 0.54 s to target on 1 thread, 0.63 and
    /// 0.84 s on 2, the same steps).
    /// </summary>
    public override int DefaultThreads => 1;

    /// <summary>Graphs <c>--dataset</c> knows by name; their files keep the pinned checksums.</summary>
    public static readonly IReadOnlyDictionary<string, DatasetSpec> KnownGraphs = new Dictionary<string, DatasetSpec>(StringComparer.OrdinalIgnoreCase)
    {
        ["umls"] = Umls,
        ["wn18rr"] = Wn18rr,
    };

    static readonly string[] Files = ["train.txt", "valid.txt", "test.txt"];

    const string Layout = "train.txt, valid.txt and test.txt, one 'head<TAB>relation<TAB>tail' per line";

    /// <summary>
    /// Empty for the scale's own graph (by default or by name), a known graph's lower-case name, or a user folder's full
    /// path, read now so a missing file or malformed line stops the run before it starts.
    /// </summary>
    public override string ResolveDataset(string scale, string dataset, string dataRoot)
    {
        var settings = For(scale);
        if (dataset.Length == 0) return "";
        if (KnownGraphs.TryGetValue(dataset, out var known)) return known == settings.Graph ? "" : dataset.ToLowerInvariant();
        if (!UserDataset.IsPath(dataset))
            throw new ConfigException($"unknown graph '{ConfigException.Echo(dataset)}' for --dataset. Known: {string.Join(", ", KnownGraphs.Keys)}; or give " +
                $"a folder path (./my-graph) holding {Layout}.");
        var folder = UserDataset.Folder(Id, dataset, Layout, Files);
        UserDataset.Read(folder, Layout, () => TripleSet.Read(folder));
        return folder;
    }

    public override IWorkloadRun Open(RunContext context)
    {
        var settings = For(context.Scale.Name);
        if (UserDataset.IsPath(context.Dataset))
        {
            var user = UserDataset.Folder(Id, context.Dataset, Layout, Files);
            return new Run(settings, UserDataset.Read(user, Layout, () => TripleSet.Read(user)), context.Device, UserDataset.Describe(user, Files));
        }
        var spec = context.Dataset.Length == 0 ? settings.Graph : KnownGraphs[context.Dataset];
        var folder = DatasetStore.Locate(spec, context.DataRoot, context.AllowDownload);
        return new Run(settings, TripleSet.Read(folder), context.Device, $"{spec.Name} ({spec.Folder}, pinned SHA-256)");
    }

    // IWorkloadRun is listed again so DataDescription replaces the interface default.
    sealed class Run(Settings settings, TripleSet graph, torch.Device device, string dataDescription) : IWorkloadRun
    {
        public string DataDescription => dataDescription;

        readonly FilteredRanking.Known known = FilteredRanking.Known.From(graph.Train, graph.Valid, graph.Test);

        /// <summary>Per training example: 2 triples x (3 gathers + 2 d-vector ops + norm), x3 for backward: about 3 x 2 x 5d.</summary>
        public double TrainFlopsPerExample => 3 * 2 * 5.0 * settings.Dimensions;

        public torch.nn.Module CreateModel() => new TransE(graph.Entities, graph.Relations, settings.Dimensions, settings.Norm).to(device);

        public IBatchSource TrainBatches(int seed) => new CorruptedTripleSource(graph.Train, graph.Entities, seed, device);

        /// <summary>Margin ranking: mean of max(0, margin + d(true) - d(corrupted)).</summary>
        public torch.Tensor Loss(torch.nn.Module model, Batch batch)
        {
            var transE = (TransE)model;
            return torch.nn.functional.relu(settings.Margin + transE.forward(batch.Inputs) - transE.forward(batch.Targets)).mean();
        }

        public Evaluation Evaluate(torch.nn.Module model)
        {
            var transE = (TransE)model;
            var triples = graph.Test;
            var ranks = new List<FilteredRanking.Placement>(2 * triples.GetLength(0));
            const int chunk = 256;
            for (var start = 0; start < triples.GetLength(0); start += chunk)
            {
                var count = Math.Min(chunk, triples.GetLength(0) - start);
                var heads = new long[count];
                var relations = new long[count];
                var tails = new long[count];
                for (var i = 0; i < count; i++) (heads[i], relations[i], tails[i]) = (triples[start + i, 0], triples[start + i, 1], triples[start + i, 2]);
                using var scope = torch.NewDisposeScope();
                var r = torch.tensor(relations, device: device);
                var tailScores = transE.DistancesToAll(torch.tensor(heads, device: device), r, predictTail: true).neg().cpu().data<float>().ToArray();
                var headScores = transE.DistancesToAll(torch.tensor(tails, device: device), r, predictTail: false).neg().cpu().data<float>().ToArray();
                for (var i = 0; i < count; i++)
                {
                    var row = new ReadOnlySpan<float>(tailScores, i * graph.Entities, graph.Entities);
                    ranks.Add(FilteredRanking.Place(row, (int)tails[i], known.Tails[((int)heads[i], (int)relations[i])]));
                    row = new ReadOnlySpan<float>(headScores, i * graph.Entities, graph.Entities);
                    ranks.Add(FilteredRanking.Place(row, (int)heads[i], known.Heads[((int)relations[i], (int)tails[i])]));
                }
            }
            return new Evaluation(FilteredRanking.Summarise(ranks));
        }

        public void Dispose() { }
    }
}
