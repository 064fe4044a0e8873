using Bench.Contracts;
using Bench.Harness.Training;

namespace Bench.Harness.Orchestration;

/// <summary>
/// An executor that starts many trials at once (a cluster job array) rather than one by one. <see cref="TrialQueue"/>
/// first lets it wait for what an earlier, interrupted run left running, then decides which trials need running
/// (skipping and recovering exactly as for one-by-one executors), hands it all of them in <see cref="Submit"/>, and
/// then calls <see cref="ITrialExecutor.Execute"/> for each, which waits for that trial's result.
/// </summary>
public interface IBatchTrialExecutor : ITrialExecutor
{
    /// <summary>
    /// Waits until trials that an earlier run on the same results folder submitted have ended, so their manifests are
    /// recovered as rows instead of being submitted twice.
    /// </summary>
    void AwaitEarlierBatches();

    /// <summary>Starts every trial of <paramref name="specs"/> (none: does nothing). Throws a ConfigException when the batch is rejected.</summary>
    void Submit(IReadOnlyList<TrialSpec> specs);
}
