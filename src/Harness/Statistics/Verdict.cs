namespace Bench.Harness.Statistics;

/// <summary>
/// A measured pair judged against its paper's claim: the verdict, which speedup it rests on
/// ("time" or "steps") and a reason a reader can check.
/// </summary>
/// <remarks>
/// Rules, in order: the candidate's median missed the target → failed; the baseline's median missed →
/// not-applicable; with a claimed training-speed factor f, CI lower ≥ f → reproduced, lower &gt; 1 →
/// faster-below-claim, upper &lt; 1 → slower, otherwise (CI includes 1) no-speedup. Without a usable
/// factor only the claim-free facts are stated: slower and no-speedup as above, and a CI above 1 is
/// not-applicable with the reason "no claimed factor; faster than the baseline". Wall-clock claims are
/// judged on time, step/FLOP/data claims on steps, and claims that need hardware we lack on steps,
/// labelled so.
/// </remarks>
public sealed record Verdict(VerdictKind Kind, string Basis, string Reason)
{
    /// <summary>The baseline's row.</summary>
    public static readonly Verdict Reference = new(VerdictKind.Reference, "", "the yardstick");

    /// <summary>The published spelling.</summary>
    public string Text => Kind.Text();

    /// <summary>Judges one comparison. <paramref name="claim"/> is null when the paper is unknown.</summary>
    public static Verdict Judge(SpeedupEstimate time, SpeedupEstimate steps, bool candidateMissed, int reached, int seeds, PaperClaim? claim,
        SpeedupEstimate? flops = null, SpeedupEstimate? examples = null)
    {
        // A data claim (fewer examples) is judged on examples to target: a method that skips the work of some delivered
        // examples still saw them, and its steps need not match its examples once it changes the batch.
        if (claim is { Kind: "train-data" } && examples is { } seen && !double.IsNaN(seen.Value))
            return Judged(seen, ExamplesBasis, "judged on examples (train-data claim)", candidateMissed, reached, seeds, claim);
        // A FLOP claim is judged on FLOPs to target where the rows have them (a method that makes a step cheaper shows
        // it there, not in steps); on steps for rows written before FLOPs were recorded.
        if (claim is { Kind: "train-flops" } && flops is { } counted && !double.IsNaN(counted.Value))
            return Judged(counted, FlopsBasis, "judged on FLOPs (train-flops claim)", candidateMissed, reached, seeds, claim);
        var onSteps = claim?.JudgedOnSteps ?? false;
        var basis = onSteps ? "steps" : "time";
        var speedup = onSteps ? steps : time;
        var why = claim is null ? "no paper claim on record"
            : claim.HardwareDependent ? "judged on steps (hardware-dependent claim)"
            : onSteps ? $"judged on steps ({claim.Kind} claim)"
            : $"judged on time ({claim.Kind} claim)";
        return Judged(speedup, basis, why, candidateMissed, reached, seeds, claim);
    }

    /// <summary>The basis of a verdict judged on FLOPs to target.</summary>
    public const string FlopsBasis = "FLOPs";

    /// <summary>The basis of a verdict judged on examples to target.</summary>
    public const string ExamplesBasis = "examples";

    static Verdict Judged(SpeedupEstimate speedup, string basis, string why, bool candidateMissed, int reached, int seeds, PaperClaim? claim)
    {
        if (candidateMissed) return new(VerdictKind.Failed, basis, $"median seed missed the target ({reached}/{seeds} reached)");
        if (double.IsNaN(speedup.Value)) return new(VerdictKind.NotApplicable, basis, "the baseline's median missed the target");

        var usable = claim is { Factor: double, IsTrainingSpeed: true };
        if (!usable)
        {
            why = claim is null ? why
                : claim.IsTrainingSpeed ? (basis == FlopsBasis ? why + "; " : "") + "no claimed factor"
                : $"claim is {claim.Kind}, not a training speedup";
            return speedup.Upper < 1 ? new(VerdictKind.Slower, basis, why)
                : speedup.Lower > 1 ? new(VerdictKind.NotApplicable, basis, why + "; faster than the baseline")
                : new(VerdictKind.NoSpeedup, basis, why);
        }
        var factor = claim!.Factor!.Value;
        var kind = speedup.Lower >= factor ? VerdictKind.Reproduced
            : speedup.Lower > 1 ? VerdictKind.FasterBelowClaim
            : speedup.Upper < 1 ? VerdictKind.Slower
            : VerdictKind.NoSpeedup;
        return new(kind, basis, $"{why}; claimed {factor:G4}x");
    }
}
