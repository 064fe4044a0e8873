namespace Bench.Harness.Training;

/// <summary>Progress of a running trial for display: fraction of the step budget and the latest metric.</summary>
public sealed record TrialProgress(double Fraction, string Message);
