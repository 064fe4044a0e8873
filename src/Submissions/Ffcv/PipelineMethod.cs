using Bench.Contracts;
using Bench.Submissions.Common;

namespace Bench.Submissions.Ffcv;

/// <summary>
/// The baseline's method (model, optimizer, schedule, batch size) with the training batches from a loader of the
/// submission's own instead of the workload's stream: only the data pipeline changes. Owns the loader's state (a pixel
/// store, the sources it made: a prefetching source's thread) and frees it with the method.
/// </summary>
sealed class PipelineMethod(TrainingMethod inner, Func<IBatchSource> makeSource, IDisposable? state) : MethodDecorator(inner)
{
    readonly List<IBatchSource> sources = [];

    // The workload's stream is not used: the loader draws its own order and flips from the trial's seed (WorkloadAccess.Seed).
    public override IBatchSource TrainBatches(IBatchSource workloadBatches)
    {
        var source = makeSource();
        sources.Add(source);
        return source;
    }

    public override void Dispose()
    {
        foreach (var source in sources) (source as IDisposable)?.Dispose();
        state?.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// The workload's stored training split, checked to be the split the baseline trains on (the whole split, row for row).
    /// </summary>
    public static EncodedSplit StoredSplit(TrainingSetup setup, TrainingMethod baseline, string id)
    {
        var split = setup.Data.EncodedTrainingSplit
            ?? throw new ConfigException($"{id} loads the training images from their stored files, and {setup.WorkloadId} at this data copy does " +
                "not offer them (the official binary archive); use the JPEG files (cifar10-jpeg) or the subset, or another submission.");
        if (baseline.TrainStream != TrainStream.All)
            throw new ConfigException($"{id} streams the whole training split; the baseline's stream here is {baseline.TrainStream}.");
        if (setup.Data.TrainingSplit is { } decoded && decoded.Size != split.Count)
            throw new ConfigException($"{id}: {setup.WorkloadId}'s stored files hold {split.Count} training images but its split has " +
                $"{decoded.Size}: the workload's data is inconsistent.");
        return split;
    }
}
