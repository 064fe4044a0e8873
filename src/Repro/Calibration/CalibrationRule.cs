using System.Globalization;
using Bench.Contracts;

namespace Bench.Repro.Calibration;

/// <summary>
/// The documented calibration procedure as pure code (the cards' "5 seeds, full budget, target at 60-75% of the budget",
/// AlgoPerf's way of setting targets a tuned baseline reliably reaches): for each seed, the best metric it has shown by 60,
/// 65, 70 and 75% of the step budget; the target is the value every seed has reached by the chosen fraction (default 70%),
/// that is the worst seed's value there, rounded towards the easy side so every seed still meets it.
/// </summary>
public static class CalibrationRule
{
    /// <summary>The fraction of the step budget the target is read at unless <c>--fraction</c> says otherwise.</summary>
    public const double DefaultFraction = 0.70;

    /// <summary>The window <c>--fraction</c> may choose from: earlier leaves no room for faster methods to show, later none for slower.</summary>
    public const double LowestFraction = 0.60, HighestFraction = 0.75;

    /// <summary>Fewest seeds a target can come from: one seed says nothing about what "every seed" reaches.</summary>
    public const int MinimumSeeds = 2;

    /// <summary>The fractions reported for each seed: the window's quarters and the chosen one.</summary>
    public static IReadOnlyList<double> Fractions(double chosen) =>
        [.. new[] { 0.60, 0.65, 0.70, 0.75, chosen }.Select(f => Math.Round(f, 4)).Distinct().Order()];

    /// <summary>The key of a fraction in <see cref="SeedCalibration.At"/>, e.g. "0.70".</summary>
    public static string Key(double fraction) => fraction.ToString("0.00##", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a person reads it, e.g. "70%".</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>The step at <paramref name="fraction"/> of a budget of <paramref name="budgetSteps"/> (rounded down).</summary>
    public static long StepAt(long budgetSteps, double fraction) => (long)Math.Floor(budgetSteps * fraction + 1e-9);

    /// <summary>The best value of <paramref name="curve"/> at evaluations up to <paramref name="step"/>; NaN when there is none.</summary>
    public static double BestBy(IReadOnlyList<(long Step, double Value)> curve, long step, MetricDirection direction)
    {
        var values = curve.Where(p => p.Step <= step).Select(p => p.Value).ToList();
        return values.Count == 0 ? double.NaN : direction == MetricDirection.Higher ? values.Max() : values.Min();
    }

    /// <summary>
    /// <paramref name="value"/> rounded to a step of 0.01 (two significant digits below 0.1), downwards for a metric that
    /// rises and upwards for one that falls, so a target rounded from what every seed reached is still reached by every seed.
    /// </summary>
    public static double Round(double value, MetricDirection direction)
    {
        if (value == 0 || !double.IsFinite(value)) return value;
        var step = Math.Abs(value) >= 0.1 ? 0.01 : Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(value))) - 1);
        var units = value / step;
        // The tolerance keeps a value already on the grid (0.53 / 0.01 = 53.000000000000007) where it is.
        var rounded = direction == MetricDirection.Higher ? Math.Floor(units + 1e-9) : Math.Ceiling(units - 1e-9);
        return Math.Round(rounded * step, 12);
    }

    /// <summary>
    /// Applies the rule to full-budget curves (seed to (step, metric) evaluations). Bad input is a
    /// <see cref="ConfigException"/> naming it: fewer than <see cref="MinimumSeeds"/> seeds, a seed whose metric is NaN or
    /// infinite (diverged), one that never moved (the model does not learn the data), or one without an evaluation by the
    /// chosen fraction of the budget.
    /// </summary>
    public static CalibrationChoice Choose(IReadOnlyDictionary<int, IReadOnlyList<(long Step, double Value)>> curves, string metric,
        MetricDirection direction, long budgetSteps, double fraction = DefaultFraction)
    {
        if (curves.Count < MinimumSeeds)
            throw new ConfigException($"a calibration needs at least {MinimumSeeds} seeds (got {curves.Count}): the target is what every seed reaches. Use " +
                "--seeds 5 (the documented procedure).");
        var step = StepAt(budgetSteps, fraction);
        var seeds = new List<SeedCalibration>();
        foreach (var (seed, curve) in curves.OrderBy(c => c.Key))
        {
            if (curve.Count == 0)
                throw new ConfigException($"seed {seed} has no evaluations, so its {metric} is unknown; rerun calibrate (its trial may have been cut short).");
            if (curve.FirstOrDefault(p => !double.IsFinite(p.Value)) is { Step: var bad, Value: var value } && !double.IsFinite(value))
                throw new ConfigException($"seed {seed} diverged: its {metric} is {value} at step {bad}; the baseline recipe is unstable on this data, so no " +
                    "target can be set from it.");
            if (curve.All(p => p.Value == curve[0].Value))
                throw new ConfigException($"seed {seed}: {metric} never moved from {curve[0].Value.ToString("G6", CultureInfo.InvariantCulture)} over " +
                    $"{budgetSteps} steps; the baseline does not learn this data, so no target can be set.");
            var at = Fractions(fraction).ToDictionary(Key, f => BestBy(curve, StepAt(budgetSteps, f), direction));
            if (double.IsNaN(at[Key(fraction)]))
                throw new ConfigException($"seed {seed} has no evaluation by step {step} ({Percent(fraction)} of the budget); the evaluation cadence is too " +
                    "coarse for this budget.");
            seeds.Add(new SeedCalibration(seed, at, curve[^1].Value));
        }
        var values = seeds.Select(s => s.At[Key(fraction)]).ToList();
        var worst = direction == MetricDirection.Higher ? values.Min() : values.Max();
        return new CalibrationChoice(seeds, fraction, step, worst, Round(worst, direction));
    }
}
