using Bench.Contracts;

namespace Bench.Tests.Shared;

/// <summary>
/// Wraps a real workload with a budget of <paramref name="steps"/> steps and an evaluation every
/// <paramref name="stepsPerEvaluation"/> baseline-sized steps: long enough for a submission's periodic
/// machinery (checkpoint queues, nowcast jumps, LR probes) to cycle several times.
/// </summary>
public sealed class ShortRunWorkload(IWorkload inner, long steps, long stepsPerEvaluation) : IWorkload
{
    public string Id => inner.Id;
    public string Description => inner.Description;
    public int DefaultThreads => inner.DefaultThreads;
    public IReadOnlyList<string> ScaleNames => inner.ScaleNames;

    public WorkloadScale Scale(string name) => inner.Scale(name) with
    {
        Budget = new Budget(MaxSeconds: 1e9, MaxSteps: steps),
        EvaluateEveryExamples = inner.Baseline(name).BatchSize * stepsPerEvaluation,
    };

    public BaselineRecipe Baseline(string scale) => inner.Baseline(scale);
    public IWorkloadRun Open(RunContext context) => inner.Open(context);
}
