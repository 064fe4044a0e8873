namespace Bench.Harness.Statistics;

/// <summary>What a measurement says about a paper's claim. <see cref="VerdictText"/> gives the published spelling.</summary>
public enum VerdictKind
{
    /// <summary>The baseline itself: the yardstick, not judged.</summary>
    Reference,
    /// <summary>The CI's lower bound reaches the claimed factor.</summary>
    Reproduced,
    /// <summary>Faster than the baseline (CI above 1) but the CI's lower bound is below the claim.</summary>
    FasterBelowClaim,
    /// <summary>The CI includes 1.</summary>
    NoSpeedup,
    /// <summary>The CI lies entirely below 1.</summary>
    Slower,
    /// <summary>The candidate's median seed missed the target.</summary>
    Failed,
    /// <summary>Cannot be judged against a claim; the reason says why.</summary>
    NotApplicable,
}

/// <summary>The spelling of verdicts in tables and CSV.</summary>
public static class VerdictText
{
    public static string Text(this VerdictKind kind) => kind switch
    {
        VerdictKind.Reference => "reference",
        VerdictKind.Reproduced => "reproduced",
        VerdictKind.FasterBelowClaim => "faster-below-claim",
        VerdictKind.NoSpeedup => "no-speedup",
        VerdictKind.Slower => "slower",
        VerdictKind.Failed => "failed",
        _ => "not-applicable",
    };
}
