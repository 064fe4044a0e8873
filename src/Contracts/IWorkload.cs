namespace Bench.Contracts;

/// <summary>
/// A fixed task: data, model, loss, metric, and per scale a target and a budget. A workload is a
/// description; <see cref="Open"/> builds the data and returns what a single trial needs.
/// </summary>
public interface IWorkload
{
    /// <summary>Registry id, e.g. <c>modadd</c>.</summary>
    string Id { get; }

    /// <summary>One line for listings.</summary>
    string Description { get; }

    /// <summary>Scale names this workload defines (<c>smoke</c>, <c>cpu</c>, <c>gpu</c>).</summary>
    IReadOnlyList<string> ScaleNames { get; }

    /// <summary>The scale named <paramref name="name"/>; throws <see cref="ConfigException"/> for unknown names.</summary>
    WorkloadScale Scale(string name);

    /// <summary>The tuned baseline hyperparameters at scale <paramref name="scale"/>.</summary>
    BaselineRecipe Baseline(string scale);

    /// <summary>
    /// Checks <c>--dataset</c> <paramref name="dataset"/> (a known name or a folder path) for scale <paramref name="scale"/> and
    /// returns its label for the trial row: empty for the scale's own (calibrated) dataset, a known name, or the folder's full
    /// path. A missing file or a malformed line is a <see cref="ConfigException"/> naming the file and line.
    /// Workloads that read only their own data accept nothing but the empty string.
    /// </summary>
    string ResolveDataset(string scale, string dataset, string dataRoot) => dataset.Length == 0 ? ""
        : throw new ConfigException($"workload '{Id}' reads only its own dataset; --dataset (BENCH_DATASET) is for kg-transe and sst2. Unset it or choose " +
            "one of those with --workload.");

    /// <summary>
    /// libtorch intra-op threads a trial of this workload uses unless <c>--threads</c> (<c>BENCH_THREADS</c>) says otherwise;
    /// the count used is recorded in every row. Small models lose more to thread synchronisation than they gain, and
    /// steps-to-target can depend on the count, so it is the workload's to fix. 0 keeps libtorch's default.
    /// </summary>
    int DefaultThreads => StandardThreads;

    /// <summary>The thread count of a workload that does not choose its own.</summary>
    const int StandardThreads = 2;

    /// <summary>Builds data and model factory for one trial. Fails clearly when data is missing or corrupt.</summary>
    IWorkloadRun Open(RunContext context);
}
