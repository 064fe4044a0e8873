namespace Bench.Submissions.GrowLength;

/// <summary>
/// Hyperparameters of GrowLength's context-length schedule: the stages' window lengths as divisors of the workload's
/// context (<c>8,4,2,1</c>: an eighth, a quarter, a half, then the full context), and the fractions of the step budget
/// at which each stage but the last ends (<c>0.125,0.25,0.5</c>). Checked against the context and the budget when the
/// method is built (<see cref="LengthSchedule.Parse"/>).
/// </summary>
public sealed record GrowLengthHyperparameters(
    string ContextDivisors = GrowLengthSubmission.ContextDivisors,
    string StageEnds = GrowLengthSubmission.StageEnds);
