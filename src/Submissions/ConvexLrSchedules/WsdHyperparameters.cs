using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.ConvexLrSchedules;

/// <summary>Hyperparameters of WSD: the share of the step budget spent in the linear cooldown.</summary>
public sealed record WsdHyperparameters(
    [property: Range(0, 1)] double CooldownFraction = WsdSubmission.CooldownFraction);
