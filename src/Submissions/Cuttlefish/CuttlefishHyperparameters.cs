using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.Cuttlefish;

/// <summary>
/// Hyperparameters of Cuttlefish: how often the stable ranks are checked (the reference checks once per epoch; a cpu
/// trial is 1.5 epochs, so here every few steps), the switch rule's window and slope threshold (the reference's), and
/// whether the rank is the scaled stable rank (the paper's default) or the plain one.
/// </summary>
public sealed record CuttlefishHyperparameters(
    [property: Range(1, 1_000_000,
        ErrorMessage = "check_every must be in [1, 1000000]: the steps between two stable-rank checks (the reference checks once per epoch)")]
    int CheckEvery = CuttlefishSubmission.CheckEvery,
    [property: Range(1, 1_000,
        ErrorMessage = "window must be in [1, 1000]: the checks before a layer may count as stable, and the span of the moving average of its ranks")]
    int Window = CuttlefishSubmission.Window,
    [property: Range(0.0, 1e6,
        ErrorMessage = "threshold must be in [0, 1e6]: the largest mean slope (rank per check) of a stable layer's smoothed stable-rank curve")]
    double Threshold = CuttlefishSubmission.Threshold,
    bool ScaledRank = true);
