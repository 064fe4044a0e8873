using Bench.Harness.Results;
using Bench.Harness.Training;

namespace Bench.Harness.Orchestration;

/// <summary>Receives what a <see cref="TrialQueue"/> does, for progress display.</summary>
public interface ITrialObserver
{
    void Skipped(TrialSpec spec);
    void Started(TrialSpec spec);
    void Progress(TrialSpec spec, TrialProgress progress);
    void Finished(TrialSpec spec, TrialRecord record);
}
