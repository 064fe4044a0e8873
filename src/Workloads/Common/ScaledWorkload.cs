using Bench.Contracts;

namespace Bench.Workloads.Common;

/// <summary>What every workload fixes per scale; its own settings record adds model and data sizes.</summary>
public interface IScaleSettings
{
    WorkloadScale Scale { get; }
    BaselineRecipe Baseline { get; }
}

/// <summary>
/// The part of <see cref="IWorkload"/> that is the same for every workload: a table of settings per
/// scale, looked up by name with one clear error listing the valid scales.
/// </summary>
public abstract class ScaledWorkload<TSettings> : IWorkload where TSettings : IScaleSettings
{
    /// <summary>Settings by scale name (<c>smoke</c>, <c>cpu</c>, <c>gpu</c>).</summary>
    protected abstract IReadOnlyDictionary<string, TSettings> ByScale { get; }

    public abstract string Id { get; }

    public abstract string Description { get; }

    public IReadOnlyList<string> ScaleNames => [.. ByScale.Keys];

    public WorkloadScale Scale(string name) => For(name).Scale;

    public BaselineRecipe Baseline(string scale) => For(scale).Baseline;

    public abstract IWorkloadRun Open(RunContext context);

    /// <inheritdoc cref="IWorkload.DefaultThreads"/>
    public virtual int DefaultThreads => IWorkload.StandardThreads;

    /// <inheritdoc cref="IWorkload.ResolveDataset"/>
    public virtual string ResolveDataset(string scale, string dataset, string dataRoot) => dataset.Length == 0 ? ""
        : throw new ConfigException($"workload '{Id}' reads only its own dataset; --dataset (BENCH_DATASET) is for kg-transe and sst2. Unset it or choose " +
            "one of those with --workload.");

    /// <summary>The settings of <paramref name="scale"/>, or a <see cref="ConfigException"/> naming the valid scales.</summary>
    protected TSettings For(string scale) => ByScale.TryGetValue(scale, out var s)
        ? s
        : throw new ConfigException($"workload '{Id}' has no scale '{scale}'. Valid scales: {string.Join(", ", ByScale.Keys)}.");
}
