using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.Meco;

/// <summary>
/// Hyperparameters of MeCo: the fraction of the step budget trained at the end on plain windows (the cooldown; before it
/// every window is conditioned on its speaker tag).
/// </summary>
public sealed record MecoHyperparameters(
    [property: Range(0.0, 1.0, MaximumIsExclusive = true,
        ErrorMessage = "cooldown_fraction must be in [0, 1): the fraction of the step budget trained on plain windows at the end (0.1 the paper's)")]
    double CooldownFraction = MecoSubmission.CooldownFraction);
