namespace Bench.Harness.Training;

/// <summary>One evaluation: where training was (steps, examples, clock) and what was measured.</summary>
public sealed record CurvePoint(
    long Step,
    long Examples,
    double Seconds,
    double TrainLoss,
    IReadOnlyDictionary<string, double> Metrics);
