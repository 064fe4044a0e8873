using System.Diagnostics;

namespace Bench.Harness.Training;

/// <summary>The real clock: <see cref="Stopwatch"/>'s monotonic high-resolution timestamp.</summary>
public sealed class StopwatchTimeSource : ITimeSource
{
    public double Seconds => Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
}
