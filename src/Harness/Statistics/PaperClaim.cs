namespace Bench.Harness.Statistics;

/// <summary>
/// What a paper claims, as plain values so the harness does not depend on the paper registry:
/// the factor (null when the paper gives no number), its kind (papers.csv <c>claim_kind</c>:
/// train-wallclock, train-steps, train-flops, train-data, quality-only, ...) and whether the claim
/// rests on hardware this suite lacks (papers.csv <c>feasible</c> = partial).
/// </summary>
public sealed record PaperClaim(double? Factor, string Kind, bool HardwareDependent)
{
    /// <summary>Claim kinds that count optimizer work rather than seconds; judged on steps.</summary>
    public static readonly IReadOnlySet<string> StepKinds = new HashSet<string>(StringComparer.Ordinal) { "train-steps", "train-flops", "train-data" };

    /// <summary>True for claims about training speed (the only ones a time-to-target can confirm).</summary>
    public bool IsTrainingSpeed => Kind == "train-wallclock" || StepKinds.Contains(Kind);

    /// <summary>True when the claim is judged on steps-to-target rather than wall-clock time.</summary>
    public bool JudgedOnSteps => HardwareDependent || StepKinds.Contains(Kind);
}
