using Bench.Harness.Results;
using Bench.Harness.Training;

namespace Bench.Harness.Orchestration;

/// <summary>Runs trials in the calling process: no isolation, for tests and debugging.</summary>
public sealed class InProcessExecutor(TrialSession session, ResultsStore store) : ITrialExecutor
{
    public TrialRecord Execute(TrialSpec spec, Action<TrialProgress> onProgress) =>
        session.RunAndSave(spec, store, new Progress<TrialProgress>(onProgress));
}
