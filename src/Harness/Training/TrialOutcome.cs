using Bench.Harness.Results;

namespace Bench.Harness.Training;

/// <summary>What a trial produces: its row and its evaluation curve.</summary>
public sealed record TrialOutcome(TrialRecord Record, IReadOnlyList<CurvePoint> Curve);
