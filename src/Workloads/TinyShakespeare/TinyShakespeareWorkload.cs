using Bench.Contracts;
using Bench.Workloads.Common;
using Bench.Contracts.Data;
using TorchSharp;

namespace Bench.Workloads.TinyShakespeare;

/// <summary>
/// Character-level language modelling on Tiny Shakespeare with a small GPT (nanoGPT's shakespeare-char,
/// scaled down). Metric: validation loss in nats per character. See README.md for targets and calibration.
/// </summary>
public sealed class TinyShakespeareWorkload : ScaledWorkload<TinyShakespeareWorkload.Settings>
{
    /// <summary>Model and data settings of one scale.</summary>
    public sealed record Settings(int Context, int Width, int Layers, int Heads, int EvaluationWindows, WorkloadScale Scale, BaselineRecipe Baseline)
        : IScaleSettings;

    /// <summary>The file, as in karpathy/char-rnn (nanoGPT downloads the same blob).</summary>
    public static readonly DatasetSpec Dataset = new("Tiny Shakespeare", "tinyshakespeare",
        [new DatasetFile("input.txt", "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed",
            "https://raw.githubusercontent.com/karpathy/char-rnn/6f9487a6fe5b420b7ca9afb0d7c078e37c1d1b4e/data/tinyshakespeare/input.txt")],
        "karpathy/char-rnn data/tinyshakespeare/input.txt");

    protected override IReadOnlyDictionary<string, Settings> ByScale { get; } = new Dictionary<string, Settings>
    {
        ["smoke"] = new(Context: 32, Width: 64, Layers: 2, Heads: 4, EvaluationWindows: 128,
            new WorkloadScale("smoke", new Target("loss", MetricDirection.Lower, 2.37), new Budget(MaxSeconds: 60, MaxSteps: 300),
                EvaluateEveryExamples: 32 * 25, ModelSummary: "2 layers, width 64, context 32"),
            new BaselineRecipe(BatchSize: 32, LearningRate: 3e-3, WeightDecay: 0.1, WarmupFraction: 0.05, Beta2: 0.99)),
        ["cpu"] = new(Context: 64, Width: 128, Layers: 2, Heads: 4, EvaluationWindows: 512,
            new WorkloadScale("cpu", new Target("loss", MetricDirection.Lower, 1.71), new Budget(MaxSeconds: 200, MaxSteps: 1500),
                EvaluateEveryExamples: 32 * 100, ModelSummary: "2 layers, width 128, context 64 (0.4M params)")
            // Seeds: the 5-seed re-measure's A/A (results/noise) needs 3 for the goals (CV 0.036 in time); 5 is the floor.
            { NearTarget = new FineEvaluation(Within: 0.06, EveryExamples: 32 * 10), DefaultSeeds = 5 },
            // Tuned (results/tuning/tinyshakespeare/chosen-baseline-cpu.json, point 7 of 16): 1.55x [1.41, 1.58] faster to
            // the old target (1.81) than the hand-picked lr 2e-3, wd 0.1, warmup 5% on 5 fresh seeds. It met 1.81 at 39-45% of the
            // budget; the target is now 1.71, met at 65-70% (5 seeds, full budget: results/calibration/recalibration-2026-11-29).
            new BaselineRecipe(BatchSize: 32, LearningRate: 0.00565685, WeightDecay: 0.0758578, WarmupFraction: 0.0555556, Beta2: 0.99)),
        // The cpu model at 6 layers (issue 16: random-LTD keeps its first and last layers dense and thins the middle ones),
        // narrowed to width 96 so a baseline trial meets its target in 74-77 s here. Same tuned recipe as cpu. Target calibrated
        // on this scale's own baseline (3 seeds, full budget): met at steps 970-1040, 65-69% of the budget (README.md,
        // results/calibration/cpu-deep-2026-11-30).
        ["cpu-deep"] = new(Context: 64, Width: 96, Layers: 6, Heads: 4, EvaluationWindows: 512,
            new WorkloadScale("cpu-deep", new Target("loss", MetricDirection.Lower, 1.68), new Budget(MaxSeconds: 300, MaxSteps: 1500),
                EvaluateEveryExamples: 32 * 100, ModelSummary: "6 layers, width 96, context 64 (0.7M params)")
            { NearTarget = new FineEvaluation(Within: 0.06, EveryExamples: 32 * 10), DefaultSeeds = 5 },
            new BaselineRecipe(BatchSize: 32, LearningRate: 0.00565685, WeightDecay: 0.0758578, WarmupFraction: 0.0555556, Beta2: 0.99)),
        ["gpu"] = new(Context: 256, Width: 384, Layers: 6, Heads: 6, EvaluationWindows: 2048,
            new WorkloadScale("gpu", new Target("loss", MetricDirection.Lower, 1.47), new Budget(MaxSeconds: 3600, MaxSteps: 5000),
                EvaluateEveryExamples: 64 * 250, ModelSummary: "nanoGPT shakespeare-char: 6 layers, width 384, context 256"),
            new BaselineRecipe(BatchSize: 64, LearningRate: 1e-3, WeightDecay: 0.1, WarmupFraction: 0.02, Beta2: 0.99)),
    };

    public override string Id => "tinyshakespeare";

    public override string Description => "Tiny Shakespeare char-level LM with a small GPT; validation loss (nats/char)";

    public override IWorkloadRun Open(RunContext context)
    {
        var folder = DatasetStore.Locate(Dataset, context.DataRoot, context.AllowDownload);
        return new Run(For(context.Scale.Name), CharCorpus.Read(Path.Combine(folder, "input.txt")), context.Device);
    }

    sealed class Run(Settings settings, CharCorpus corpus, torch.Device device) : IWorkloadRun
    {
        /// <summary>Evenly spaced, non-overlapping validation windows: the same for every trial.</summary>
        readonly torch.Tensor validation = ValidationWindows(corpus.Validation, settings.Context, settings.EvaluationWindows, device);

        /// <summary>3 x forward: blocks at every position plus the head, per token, times context.</summary>
        public double TrainFlopsPerExample => 3 * settings.Context * (
            settings.Layers * Common.TransformerBlock.ForwardFlopsPerToken(settings.Width, settings.Context)
            + 2.0 * settings.Width * corpus.Vocabulary.Length);

        /// <summary>The training text as one sequence, made at first use (no cost to trials that never ask).</summary>
        Batch? trainingText;

        /// <summary>One window's input: <c>[context]</c> token ids.</summary>
        public IReadOnlyList<long> InputShape => [settings.Context];

        /// <summary>The training text as one sequence of tokens and next tokens: offset <c>i</c> is where window id <c>i</c> starts.</summary>
        public Batch TrainingSplit => trainingText ??= TextSplit(corpus.Train, device);

        /// <summary>Each character of the corpus's vocabulary: token <c>i</c> is the character <c>Vocabulary[i]</c>.</summary>
        public IReadOnlyList<string> Vocabulary { get; } = corpus.Vocabulary.Select(c => c.ToString()).ToArray();

        public torch.nn.Module CreateModel() =>
            new CharGpt(corpus.Vocabulary.Length, settings.Context, settings.Width, settings.Layers, settings.Heads).to(device);

        public IBatchSource TrainBatches(int seed) => new WindowSource(corpus.Train, settings.Context, seed, device);

        /// <summary>Windows from the first characters of the training text (the held-out tail is cut off first).</summary>
        public IBatchSource TrainBatches(int seed, TrainStream stream) => stream == TrainStream.All
            ? TrainBatches(seed)
            : new WindowSource(corpus.Train[stream.Cut(corpus.Train.Length).Train], settings.Context, seed, device);

        /// <summary>Windows from the held-out tail of the training text, from their own generator.</summary>
        public IBatchSource HeldOutBatches(int seed, TrainStream stream)
        {
            var heldOut = stream.Cut(corpus.Train.Length).HeldOut;
            var tail = corpus.Train[heldOut];
            if (tail.Length <= settings.Context + 1)
                throw new ArgumentException($"{stream} holds out {tail.Length} characters, too few for one window of {settings.Context + 1}");
            // Start offsets count from the start of the training text, as the training stream's do.
            return new IdOffsetSource(new WindowSource(tail, settings.Context, unchecked(seed * 7919 + 17), device),
                heldOut.GetOffsetAndLength(corpus.Train.Length).Offset);
        }

        public torch.Tensor Loss(torch.nn.Module model, Batch batch)
        {
            var logits = ((CharGpt)model).forward(batch.Inputs);
            return torch.nn.functional.cross_entropy(logits.flatten(0, 1), batch.Targets.flatten());
        }

        /// <summary>Each window's mean loss over its positions: every window has the same length, so their mean is <see cref="Loss"/>.</summary>
        public torch.Tensor PerExampleLoss(torch.nn.Module model, Batch batch)
        {
            var logits = ((CharGpt)model).forward(batch.Inputs);
            return torch.nn.functional.cross_entropy(logits.flatten(0, 1), batch.Targets.flatten(), reduction: torch.nn.Reduction.None)
                .view(batch.Targets.shape).mean([1]);
        }

        public Evaluation Evaluate(torch.nn.Module model)
        {
            double sum = 0;
            long count = 0;
            const int chunk = 64;
            for (long start = 0; start < validation.shape[0]; start += chunk)
            {
                using var scope = torch.NewDisposeScope();
                var windows = validation.narrow(0, start, Math.Min(chunk, validation.shape[0] - start));
                var inputs = windows.narrow(1, 0, settings.Context);
                var targets = windows.narrow(1, 1, settings.Context);
                var logits = ((CharGpt)model).forward(inputs);
                sum += torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten(), reduction: torch.nn.Reduction.Sum).item<float>();
                count += targets.numel();
            }
            return new Evaluation(new Dictionary<string, double> { ["loss"] = sum / count });
        }

        static torch.Tensor ValidationWindows(long[] tokens, int context, int windows, torch.Device device)
        {
            var available = (tokens.Length - 1) / (context + 1);
            var count = Math.Min(windows, available);
            var stride = available / count * (context + 1);
            var data = new long[count * (context + 1)];
            for (var i = 0; i < count; i++) Array.Copy(tokens, i * stride, data, i * (context + 1), context + 1);
            using var scope = torch.NewDisposeScope();
            return torch.tensor(data, [count, context + 1]).to(device).DetachFromDisposeScope();
        }

        static Batch TextSplit(long[] tokens, torch.Device device)
        {
            using var scope = torch.NewDisposeScope();
            return new Batch(torch.tensor(tokens[..^1]).to(device).DetachFromDisposeScope(), torch.tensor(tokens[1..]).to(device).DetachFromDisposeScope());
        }

        public void Dispose()
        {
            validation.Dispose();
            trainingText?.Inputs.Dispose();
            trainingText?.Targets.Dispose();
        }
    }
}
