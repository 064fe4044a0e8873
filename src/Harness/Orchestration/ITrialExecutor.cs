using Bench.Contracts;
using Bench.Harness.Results;
using Bench.Harness.Training;

namespace Bench.Harness.Orchestration;

/// <summary>Runs one trial somewhere (a child process, or in-process for tests) and returns its row.</summary>
public interface ITrialExecutor
{
    /// <summary>
    /// Runs <paramref name="spec"/>; the manifest and curve are in the store when this returns.
    /// Throws <see cref="ConfigException"/> for bad input, which stops the whole run.
    /// </summary>
    TrialRecord Execute(TrialSpec spec, Action<TrialProgress> onProgress);
}
