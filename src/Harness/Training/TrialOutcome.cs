using Bench.Harness.Results;

namespace Bench.Harness.Training;

/// <summary>What a trial produces: its row and its evaluation curve.</summary>
public sealed record TrialOutcome(TrialRecord Record, IReadOnlyList<CurvePoint> Curve)
{
    /// <summary>The workload run's <see cref="Contracts.IWorkloadRun.DataDescription"/>, for the manifest.</summary>
    public string? Dataset { get; init; }

    /// <summary>Where the trial's wall time went, the parts the clock leaves out included.</summary>
    public TrialWallTime? WallTime { get; init; }
}
