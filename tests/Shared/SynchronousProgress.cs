using Bench.Harness.Training;

namespace Bench.Tests.Shared;

/// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool), so a test sees every report in order.</summary>
public sealed class SynchronousProgress(Action<TrialProgress> report) : IProgress<TrialProgress>
{
    public void Report(TrialProgress value) => report(value);
}
