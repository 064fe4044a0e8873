using Bench.Contracts;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Tests.Shared;

/// <summary>
/// A tiny linear-regression workload whose evaluation returns scripted metric values and whose
/// loss and evaluation advance a fake clock, so runner rules can be checked exactly.
/// </summary>
public sealed class ScriptedWorkload(
    double[] metricScript,
    FakeTimeSource? clock = null,
    double secondsPerStep = 1,
    double secondsPerEvaluation = 100,
    int nanFromStep = int.MaxValue,
    long maxSteps = 100,
    double maxSeconds = 1e9,
    MetricDirection direction = MetricDirection.Higher,
    double target = 0.9,
    int evaluateEverySteps = 1,
    FineEvaluation? nearTarget = null,
    int maxEvaluations = WorkloadScale.DefaultMaxEvaluations,
    int defaultThreads = IWorkload.StandardThreads,
    double secondsToOpen = 0,
    double secondsPerBatch = 0) : IWorkload
{
    public const int BatchSize = 4;

    readonly double[] script = metricScript;
    readonly FakeTimeSource? time = clock;
    readonly double stepSeconds = secondsPerStep;
    readonly double evaluationSeconds = secondsPerEvaluation;
    readonly int nanStep = nanFromStep;
    readonly double batchSeconds = secondsPerBatch;

    public string Id => "scripted";
    public string Description => "test fake";
    public IReadOnlyList<string> ScaleNames => ["smoke"];
    public int DefaultThreads => defaultThreads;

    public WorkloadScale Scale(string name) => new(name, new Target("score", direction, target), new Budget(maxSeconds, maxSteps),
        EvaluateEveryExamples: BatchSize * evaluateEverySteps, ModelSummary: "linear 8->1") { NearTarget = nearTarget, MaxEvaluations = maxEvaluations };

    public BaselineRecipe Baseline(string scale) => new(BatchSize, LearningRate: 0.05, WeightDecay: 0, WarmupFraction: 0);

    public IWorkloadRun Open(RunContext context)
    {
        time?.Advance(secondsToOpen);
        return new Run(this);
    }

    sealed class Run(ScriptedWorkload w) : IWorkloadRun
    {
        int evaluations;
        int losses;

        public double TrainFlopsPerExample => 48;

        public Tensor PerExampleLoss(nn.Module model, Batch batch) =>
            (((nn.Module<Tensor, Tensor>)model).forward(batch.Inputs) - batch.Targets).square().mean([1]);

        public nn.Module CreateModel() => nn.Linear(8, 1);

        public IBatchSource TrainBatches(int seed) => new Source(seed, w.time, w.batchSeconds);

        public Tensor Loss(nn.Module model, Batch batch)
        {
            w.time?.Advance(w.stepSeconds);
            var loss = nn.functional.mse_loss(((nn.Module<Tensor, Tensor>)model).forward(batch.Inputs), batch.Targets);
            return losses++ >= w.nanStep ? loss * double.NaN : loss;
        }

        public Evaluation Evaluate(nn.Module model)
        {
            w.time?.Advance(w.evaluationSeconds);
            var value = w.script[Math.Min(evaluations++, w.script.Length - 1)];
            return new Evaluation(new Dictionary<string, double> { ["score"] = value });
        }

        public void Dispose() { }
    }

    /// <summary>Random regression batches; drawing one takes <c>seconds</c> on the fake clock (data assembly).</summary>
    sealed class Source : IBatchSource
    {
        readonly FakeTimeSource? time;
        readonly double seconds;

        public Source(int seed, FakeTimeSource? time, double seconds)
        {
            manual_seed(seed);
            this.time = time;
            this.seconds = seconds;
        }

        public Batch Next(int size)
        {
            time?.Advance(seconds);
            var x = randn(size, 8);
            return new Batch(x, x.sum(1, keepdim: true));
        }
    }
}
