using Bench.Contracts;

namespace Bench.Tests.Shared;

/// <summary>Wraps a real workload and cuts every scale's budget to two steps, evaluated at the end.</summary>
public sealed class TwoStepWorkload(IWorkload inner) : IWorkload
{
    public string Id => inner.Id;
    public string Description => inner.Description;
    public int DefaultThreads => inner.DefaultThreads;
    public IReadOnlyList<string> ScaleNames => inner.ScaleNames;

    public WorkloadScale Scale(string name) => inner.Scale(name) with
    {
        Budget = new Budget(MaxSeconds: 1e9, MaxSteps: 2),
        EvaluateEveryExamples = long.MaxValue,
    };

    public BaselineRecipe Baseline(string scale) => inner.Baseline(scale);
    public IWorkloadRun Open(RunContext context) => inner.Open(context);
}
