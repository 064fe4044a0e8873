using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.BeyondUrlsMetadata;

/// <summary>
/// Hyperparameters of appended metadata: the fraction of the step budget trained at the end on plain windows (the
/// cooldown; before it every window ends with its speaker tag).
/// </summary>
public sealed record BeyondUrlsHyperparameters(
    [property: Range(0.0, 1.0, MaximumIsExclusive = true,
        ErrorMessage = "cooldown_fraction must be in [0, 1): the fraction of the step budget trained on plain windows at the end (0.1 as MeCo's)")]
    double CooldownFraction = BeyondUrlsMetadataSubmission.CooldownFraction);
