namespace Bench.Repro.Calibration;

/// <summary>
/// One seed of a calibration: its best metric by each fraction of the step budget (keyed "0.60", "0.70", ...; NaN when it
/// had no evaluation by then) and its metric at the end of the budget.
/// </summary>
public sealed record SeedCalibration(int Seed, IReadOnlyDictionary<string, double> At, double Final);
