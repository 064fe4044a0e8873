namespace Bench.Harness.Training;

/// <summary>A monotonic time source in seconds; tests substitute a fake.</summary>
public interface ITimeSource
{
    /// <summary>Seconds since an arbitrary fixed origin.</summary>
    double Seconds { get; }
}
