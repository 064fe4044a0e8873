using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.Lars;

/// <summary>Hyperparameters of LARS: batch multiple over the baseline, global peak rate, warmup share of the decay horizon.</summary>
public sealed record LarsHyperparameters(
    [property: Range(1, 1024)] int BatchMultiple = LarsSubmission.BatchMultiple,
    [property: Range(1e-6, 1000)] double PeakRate = LarsSubmission.PeakRate,
    [property: Range(0, 1)] double WarmupFraction = LarsSubmission.WarmupFraction);
