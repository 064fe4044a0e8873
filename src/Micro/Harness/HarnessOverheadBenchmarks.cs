using Bench.Contracts;
using Bench.Harness.Torch;
using Bench.Harness.Training;
using Bench.Submissions;
using Bench.Workloads;
using BenchmarkDotNet.Attributes;
using TorchSharp;

namespace Bench.Micro.Harness;

/// <summary>
/// The harness's cost per step: a whole trial of <see cref="Steps"/> steps through <see cref="TrialRunner"/>
/// (clock, hooks, scopes, loss accumulation, one final evaluation) against the same work written as a bare
/// TorchSharp loop. Same workload, model, optimizer and seed; the ratio column is the overhead (target <= 1.02).
/// </summary>
public class HarnessOverheadBenchmarks
{
    IWorkload workload = null!;
    IWorkloadRun run = null!;

    [Params("smoke", "cpu")]
    public string Scale { get; set; } = "smoke";

    [Params(50)]
    public int Steps { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchSetup.Initialize("cpu", threads: 2);
        workload = new FixedSteps(WorkloadRegistry.Get("modadd"), Steps);
        run = workload.Open(new RunContext(workload.Scale(Scale), 0, torch.CPU, ""));
    }

    [GlobalCleanup]
    public void Cleanup() => ((FixedSteps)workload).DisposeShared();

    [Benchmark(Baseline = true)]
    public double BareTorchSharpLoop()
    {
        TorchSetup.Seed(0);
        using var model = TrialRunner.CreateModel(run);
        using var method = SubmissionRegistry.Get("baseline")
            .Create(new TrainingSetup(workload.Id, workload.Scale(Scale), workload.Baseline(Scale), model, torch.CPU, new WorkloadAccess(run, 0)));
        var batches = run.TrainBatches(0);
        var state = new TrainingState();
        for (var step = 0; step < Steps; step++)
        {
            using var scope = torch.NewDisposeScope();
            var loss = run.Loss(model, batches.Next(method.BatchSize));
            model.zero_grad();
            loss.backward();
            method.OptimizerStep(state);
        }
        model.eval();
        using (torch.no_grad()) return run.Evaluate(model)["accuracy"];
    }

    [Benchmark]
    public double HarnessTrialRunner() =>
        new TrialRunner(new StopwatchTimeSource(), warmupSteps: 0)
            .Run(new TrialSpec("modadd", Scale, "baseline", 0), workload, SubmissionRegistry.Get("baseline"), torch.CPU, "")
            .Record.FinalMetric;

    /// <summary>
    /// The workload with its budget cut to a fixed number of steps and a single final evaluation. Every
    /// Open returns the same run (data built once), so neither loop pays for data generation.
    /// </summary>
    sealed class FixedSteps(IWorkload inner, int steps) : IWorkload
    {
        IWorkloadRun? shared;

        public string Id => inner.Id;
        public string Description => inner.Description;
        public IReadOnlyList<string> ScaleNames => inner.ScaleNames;
        public WorkloadScale Scale(string name) => inner.Scale(name) with
        {
            Budget = new Budget(double.MaxValue, steps),
            EvaluateEveryExamples = long.MaxValue,
            // An unreachable target: both loops always run every step.
            Target = inner.Scale(name).Target with { Value = 2 },
        };
        public BaselineRecipe Baseline(string scale) => inner.Baseline(scale);
        public IWorkloadRun Open(RunContext context) => new Shared(shared ??= inner.Open(context));
        public void DisposeShared() => shared?.Dispose();
    }

    /// <summary>Delegates to a run owned by the benchmark; the trial runner's Dispose leaves it alone.</summary>
    sealed class Shared(IWorkloadRun run) : IWorkloadRun
    {
        public double TrainFlopsPerExample => run.TrainFlopsPerExample;
        public torch.nn.Module CreateModel() => run.CreateModel();
        public IBatchSource TrainBatches(int seed) => run.TrainBatches(seed);
        public torch.Tensor Loss(torch.nn.Module model, Batch batch) => run.Loss(model, batch);
        public Evaluation Evaluate(torch.nn.Module model) => run.Evaluate(model);
        public void Dispose() { }
    }
}
