using Bench.Harness.Training;

namespace Bench.Tests.Shared;

/// <summary>A clock that moves only when a test (or a fake workload) advances it.</summary>
public sealed class FakeTimeSource : ITimeSource
{
    public double Seconds { get; private set; }

    public void Advance(double seconds) => Seconds += seconds;
}
