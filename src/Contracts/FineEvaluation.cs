namespace Bench.Contracts;

/// <summary>
/// Evaluation close to the target: once an evaluated metric is within <paramref name="Within"/> of the target
/// (in the metric's units) and not yet past it, the harness evaluates every <paramref name="EveryExamples"/>
/// instead of the scale's coarse cadence. Steps- and time-to-target are read at evaluations, so the coarse
/// cadence alone quantises them (Tiny Shakespeare: 100 of ~700 steps, 14%); evaluating finely everywhere
/// would cost wall time (evaluation is off the clock, so it never costs score). Same rule for every submission.
/// </summary>
public sealed record FineEvaluation(double Within, long EveryExamples)
{
    /// <summary>True when <paramref name="metric"/> is close enough to <paramref name="target"/> to refine.</summary>
    public bool Applies(Target target, double metric) =>
        double.IsFinite(metric) && !target.IsMetBy(metric) && Math.Abs(metric - target.Value) <= Within;
}
