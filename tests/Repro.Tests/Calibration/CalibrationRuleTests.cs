using Bench.Contracts;
using Bench.Repro.Calibration;

namespace Bench.Repro.Tests.Calibration;

/// <summary>The target rule against hand-computed cases: the worst seed's best value by 70% of the budget, rounded to the easy side.</summary>
public sealed class CalibrationRuleTests
{
    // Budget 20 steps: 60% is step 12, 65% step 13, 70% step 14, 75% step 15.
    static readonly long[] Steps = [10, 12, 13, 14, 15, 20];

    static IReadOnlyList<(long Step, double Value)> Curve(params double[] values) => [.. Steps.Zip(values)];

    static readonly Dictionary<int, IReadOnlyList<(long, double)>> Accuracy = new()
    {
        [0] = Curve(0.40, 0.61, 0.63, 0.6478, 0.70, 0.75),
        [1] = Curve(0.50, 0.66, 0.64, 0.65, 0.71, 0.80), // its best by step 14 is 0.66 (step 12), not its value there
        [2] = Curve(0.45, 0.60, 0.69, 0.68, 0.69, 0.72),
    };

    [Fact]
    public void A_rising_metric_takes_the_worst_seeds_best_value_by_70_percent_rounded_down()
    {
        var choice = CalibrationRule.Choose(Accuracy, "accuracy", MetricDirection.Higher, budgetSteps: 20);

        // By step 14 the seeds have shown at best 0.6478, 0.66 and 0.69: the worst is 0.6478, rounded down to 0.64.
        Assert.Equal((14L, 0.6478, 0.64), (choice.Step, choice.Worst, choice.Target));
        Assert.Equal([0.61, 0.63, 0.6478, 0.70], [.. choice.Seeds[0].At.Values]);
        Assert.Equal([0.66, 0.66, 0.66, 0.71], [.. choice.Seeds[1].At.Values]);
        Assert.Equal([0.60, 0.69, 0.69, 0.69], [.. choice.Seeds[2].At.Values]);
        Assert.Equal(["0.60", "0.65", "0.70", "0.75"], [.. choice.Seeds[0].At.Keys]);
        Assert.Equal([0.75, 0.80, 0.72], [.. choice.Seeds.Select(s => s.Final)]);
    }

    [Fact]
    public void Another_fraction_in_the_window_reads_the_target_there()
    {
        // By step 15 (75%): 0.70, 0.71, 0.69; the worst is already on the grid.
        var choice = CalibrationRule.Choose(Accuracy, "accuracy", MetricDirection.Higher, budgetSteps: 20, fraction: 0.75);
        Assert.Equal((15L, 0.69, 0.69), (choice.Step, choice.Worst, choice.Target));

        // A fraction between the quarters gets its own column: 68% of 20 is step 13.
        choice = CalibrationRule.Choose(Accuracy, "accuracy", MetricDirection.Higher, budgetSteps: 20, fraction: 0.68);
        Assert.Equal(["0.60", "0.65", "0.68", "0.70", "0.75"], [.. choice.Seeds[0].At.Keys]);
        Assert.Equal((13L, 0.63, 0.63), (choice.Step, choice.Worst, choice.Target));
    }

    [Fact]
    public void A_falling_metric_takes_the_worst_seeds_lowest_value_by_70_percent_rounded_up()
    {
        var losses = new Dictionary<int, IReadOnlyList<(long, double)>>
        {
            [3] = Curve(2.10, 1.95, 1.90, 1.8312, 1.80, 1.70),
            [4] = Curve(2.00, 1.8421, 1.88, 1.86, 1.75, 1.65), // its lowest by step 14 is 1.8421 (step 12)
        };

        var choice = CalibrationRule.Choose(losses, "loss", MetricDirection.Lower, budgetSteps: 20);

        // By step 14: 1.8312 and 1.8421; the worst (highest) is 1.8421, rounded up to 1.85.
        Assert.Equal((1.8421, 1.85), (choice.Worst, choice.Target));
        Assert.Equal([3, 4], [.. choice.Seeds.Select(s => s.Seed)]);
        Assert.Equal([1.95, 1.90, 1.8312, 1.80], [.. choice.Seeds[0].At.Values]);
    }

    [Theory]
    [InlineData(0.6478, MetricDirection.Higher, 0.64)]
    [InlineData(0.6478, MetricDirection.Lower, 0.65)]
    [InlineData(0.53, MetricDirection.Higher, 0.53)] // already on the grid: unchanged, despite 0.53 / 0.01 = 53.000000000000007
    [InlineData(0.29, MetricDirection.Lower, 0.29)]
    [InlineData(1.8421, MetricDirection.Lower, 1.85)]
    [InlineData(0.0123, MetricDirection.Higher, 0.012)] // below 0.1: two significant digits
    [InlineData(0.0123, MetricDirection.Lower, 0.013)]
    [InlineData(0, MetricDirection.Higher, 0)]
    public void Targets_are_rounded_to_the_side_every_seed_still_meets(double value, MetricDirection direction, double expected) =>
        Assert.Equal(expected, CalibrationRule.Round(value, direction));

    [Fact]
    public void Bad_curves_are_refused_with_one_message_naming_the_cause()
    {
        string Refusal(Dictionary<int, IReadOnlyList<(long, double)>> curves) =>
            Assert.Throws<ConfigException>(() => CalibrationRule.Choose(curves, "accuracy", MetricDirection.Higher, 20)).Message;

        Assert.StartsWith("a calibration needs at least 2 seeds (got 1)", Refusal(new() { [0] = Accuracy[0] }));
        Assert.StartsWith("seed 1 diverged: its accuracy is NaN at step 13",
            Refusal(new() { [0] = Accuracy[0], [1] = Curve(0.5, 0.6, double.NaN, 0.6, 0.6, 0.6) }));
        Assert.StartsWith("seed 1: accuracy never moved from 0.5 over 20 steps",
            Refusal(new() { [0] = Accuracy[0], [1] = Curve(0.5, 0.5, 0.5, 0.5, 0.5, 0.5) }));
        Assert.StartsWith("seed 1 has no evaluation by step 14 (70% of the budget)",
            Refusal(new() { [0] = Accuracy[0], [1] = [(15, 0.5), (20, 0.7)] }));
    }
}
