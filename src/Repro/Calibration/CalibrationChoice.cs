namespace Bench.Repro.Calibration;

/// <summary>
/// What <see cref="CalibrationRule.Choose"/> decided: each seed's values, the worst seed's value at the chosen fraction and
/// the target (that value rounded towards the easy side).
/// </summary>
public sealed record CalibrationChoice(IReadOnlyList<SeedCalibration> Seeds, double Fraction, long Step, double Worst, double Target);
