namespace Bench.Contracts;

/// <summary>
/// An endless, deterministic stream of training batches. Batches are created in the caller's
/// dispose scope, so the harness frees them with the step.
/// </summary>
public interface IBatchSource
{
    /// <summary>The next batch of <paramref name="size"/> examples.</summary>
    Batch Next(int size);
}
