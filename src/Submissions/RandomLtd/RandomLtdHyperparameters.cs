using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.RandomLtd;

/// <summary>
/// Hyperparameters of random-LTD: the kept length of the middle layers at step 0 as a fraction of the window, the
/// fraction of the step budget over which it rises linearly to the whole window, and whether the learning rate follows
/// consumed layer-tokens (the paper's LayerToken schedule) or steps (the ablation).
/// </summary>
public sealed record RandomLtdHyperparameters(
    [property: Range(0.0, 1.0, MinimumIsExclusive = true,
        ErrorMessage = "start_fraction must be in (0, 1]: the share of a window's tokens the middle layers keep at step 0 (1 drops none)")]
    double StartFraction = RandomLtdSubmission.StartFraction,
    [property: Range(0.0, 1.0,
        ErrorMessage = "ramp_fraction must be in [0, 1]: the fraction of the step budget over which the kept length rises to the whole window")]
    double RampFraction = RandomLtdSubmission.RampFraction,
    bool LayerTokenLr = true);
