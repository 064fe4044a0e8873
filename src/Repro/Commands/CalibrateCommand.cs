using System.Globalization;
using Bench.Contracts;
using Bench.Harness.Results;
using Bench.Repro.Calibration;
using Bench.Repro.Cli;
using Bench.Repro.Display;
using Bench.Repro.Execution;
using Bench.Submissions;
using Spectre.Console;

namespace Bench.Repro.Commands;

/// <summary>
/// The documented calibration procedure as a verb: the baseline trained for the whole budget on 5 seeds, the target set
/// at what every seed reaches by 70% of the budget (<see cref="CalibrationRule"/>), written to a calibration file that
/// later runs on the same dataset use as their target. The scale's own data has its target in code, which the cards own:
/// there the verb only proposes one.
/// </summary>
public sealed class CalibrateCommand : ICommand
{
    /// <summary>Seeds of the documented procedure.</summary>
    public const int DefaultSeeds = 5;

    static readonly OptionSpec Fraction = new("fraction",
        $"the fraction of the step budget every seed must have reached the target by, {CalibrationRule.LowestFraction} to {CalibrationRule.HighestFraction} " +
            $"(default {CalibrationRule.DefaultFraction})", ValueName: "F");

    static readonly OptionSpec Seeds = new("seeds", $"baseline seeds, at least {CalibrationRule.MinimumSeeds} (default {DefaultSeeds}, " +
        "the documented procedure)", ValueName: "N");

    public string Name => "calibrate";

    public string Summary => "set a dataset's target: the baseline for the whole budget on 5 seeds, the value every seed reaches by 70% of it";

    public string Usage => "calibrate --workload ID [--dataset NAME|PATH] [--seeds N] [--fraction F] [options]";

    public IReadOnlyList<OptionSpec> Options => [SharedOptions.Workloads, SharedOptions.Dataset, Seeds, Fraction, .. SharedOptions.ExecutionOptions];

    public int Execute(ParsedArguments arguments, IAnsiConsole console)
    {
        // Trials go on after the target, so each curve covers the whole budget.
        var options = SharedOptions.Bind(arguments) with { FullBudget = true };
        var fraction = ParseFraction(arguments.Value("fraction"));
        var seeds = options.Seeds ?? DefaultSeeds;
        if (seeds < CalibrationRule.MinimumSeeds)
            throw new ConfigException($"--seeds {seeds}: a calibration needs at least {CalibrationRule.MinimumSeeds} seeds (the target is what every seed " +
                $"reaches); the documented procedure uses {DefaultSeeds}.");
        if (!double.IsNaN(options.Target))
            throw new ConfigException("calibrate sets the target itself; unset --target / BENCH_TARGET.");
        var workloads = Catalog.Workloads(options.Workloads);
        if (workloads.Count != 1)
            throw new ConfigException($"calibrate sets one workload's target; name one with --workload ID (got {workloads.Count}: " +
                $"{string.Join(", ", workloads.Select(w => w.Id))}).");
        var workload = workloads[0];
        var baseline = SubmissionRegistry.Get(SubmissionRegistry.BaselineId);
        var plan = Catalog.Plan([workload], [baseline], options.Scale, Enumerable.Range(options.FirstSeed, seeds).ToList());
        var dataset = workload.ResolveDataset(options.Scale, options.Dataset, options.Data);
        plan = [.. plan.Select(s => s with { Dataset = dataset })];
        if (arguments.Flag("dry-run")) return PlanTable.Write(console, options, plan);

        var scale = workload.Scale(options.Scale);
        var data = dataset.Length == 0 ? "its own data" : dataset;
        console.WriteLine($"calibrating {workload.Id} at scale {scale.Name} on {data}: the baseline for the whole budget ({scale.Budget.MaxSteps} steps) " +
                          $"on {seeds} seeds; the target is what every seed reaches by {CalibrationRule.Percent(fraction)} of it (step " +
                              $"{CalibrationRule.StepAt(scale.Budget.MaxSteps, fraction)}).");
        var rows = Experiment.Execute(options, plan, arguments.Flag("in-process"), console);
        var calibration = Calibrator.FromTrials(workload, scale.Name, dataset, rows, new ResultsStore(options.Results), fraction);
        var file = new CalibrationStore(options.Results).PathFor(workload.Id, scale.Name, dataset);
        calibration.Write(file);

        Write(console, calibration, data);
        var rounded = calibration.Target == calibration.Worst ? "" : $", rounded {(calibration.Direction == Contracts.MetricDirection.Higher ? "down" : "up")}";
        var why = $"the worst seed's best {calibration.Metric} by step {calibration.Step}, {CalibrationRule.Percent(fraction)} of the budget: " +
            $"{Number(calibration.Worst)}{rounded}";
        if (dataset.Length == 0)
        {
            console.WriteLine($"proposed target {calibration.TargetText} ({why}); current calibrated target {scale.Target}.");
            console.WriteLine($"The code is not changed: a workload's own targets are set in its code and card (edit {workload.Id}'s scale {scale.Name} and " +
                $"cite {file} to adopt it).");
        }
        else
        {
            console.WriteLine($"target {calibration.TargetText} ({why}).");
            console.WriteLine($"calibration written to {file}; run and speedrun on this data, workload, scale and --results use it (--target overrides it).");
        }
        return 0;
    }

    static double ParseFraction(string? text)
    {
        if (text is null) return CalibrationRule.DefaultFraction;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
               && value >= CalibrationRule.LowestFraction && value <= CalibrationRule.HighestFraction
            ? value
            : throw new ConfigException($"--fraction {ConfigException.Echo(text)}: give a fraction of the step budget from {CalibrationRule.LowestFraction} " +
                $"to {CalibrationRule.HighestFraction} (default {CalibrationRule.DefaultFraction}).");
    }

    static void Write(IAnsiConsole console, DatasetCalibration calibration, string data)
    {
        var fractions = CalibrationRule.Fractions(calibration.Fraction);
        var table = new Table().Title(Markup.Escape($"{calibration.Workload} at scale {calibration.Scale} on {data}: best {calibration.Metric} by each " +
            $"fraction of the {calibration.BudgetSteps}-step budget"))
            .AddColumn("seed");
        foreach (var f in fractions)
            table.AddColumn(Markup.Escape($"{CalibrationRule.Percent(f)} (step " +
                $"{CalibrationRule.StepAt(calibration.BudgetSteps, f)}){(f == calibration.Fraction ? " *" : "")}"), c => c.RightAligned());
        table.AddColumn("final", c => c.RightAligned());
        foreach (var seed in calibration.Seeds)
            table.AddRow([seed.Seed.ToString(CultureInfo.InvariantCulture), .. fractions.Select(f => Number(seed.At[CalibrationRule.Key(f)])),
                Number(seed.Final)]);
        double Worst(IEnumerable<double> values) => calibration.Direction == Contracts.MetricDirection.Higher ? values.Min() : values.Max();
        table.AddRow(["every seed", .. fractions.Select(f => Number(Worst(calibration.Seeds.Select(s => s.At[CalibrationRule.Key(f)])))),
            Number(Worst(calibration.Seeds.Select(s => s.Final)))]);
        console.Write(table);
    }

    static string Number(double value) => double.IsFinite(value) ? value.ToString("0.0000", CultureInfo.InvariantCulture) : "-";
}
