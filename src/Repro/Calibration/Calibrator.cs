using Bench.Contracts;
using Bench.Harness.Results;
using Bench.Harness.Training;

namespace Bench.Repro.Calibration;

/// <summary>Turns the full-budget baseline trials of a calibration run into its <see cref="DatasetCalibration"/>.</summary>
public static class Calibrator
{
    /// <summary>
    /// Reads each row's curve from <paramref name="store"/> and applies <see cref="CalibrationRule"/>. A trial that did not
    /// finish, diverged or stopped before the end of the budget is a <see cref="ConfigException"/> naming the seed and the fix.
    /// </summary>
    public static DatasetCalibration FromTrials(IWorkload workload, string scale, string dataset, IReadOnlyList<TrialRecord> rows, ResultsStore store,
        double fraction = CalibrationRule.DefaultFraction)
    {
        var settings = workload.Scale(scale);
        var (metric, direction, budget) = (settings.Target.Metric, settings.Target.Direction, settings.Budget);
        var curves = new Dictionary<int, IReadOnlyList<(long Step, double Value)>>();
        foreach (var row in rows.OrderBy(r => r.Seed))
        {
            switch (row.Status)
            {
                case TrialStatus.Diverged:
                    throw new ConfigException($"seed {row.Seed} diverged (NaN or infinite training loss by step {row.Steps}); the baseline recipe is " +
                        "unstable on this data, so no target can be set from it.");
                case TrialStatus.Crashed or TrialStatus.TimedOut or TrialStatus.TimeCapped:
                    throw new ConfigException($"seed {row.Seed} did not finish ({row.Status}{(row.Error.Length > 0 ? ": " + row.Error : "")}); rerun the " +
                        "same command to retry it.");
            }
            var curve = store.ReadCurve(row.Spec)
                .Select(p => (p.Step, Value: p.Metrics.TryGetValue(metric, out var v) ? v : double.NaN)).ToList();
            if (curve.Count > 0 && curve[^1].Step < budget.MaxSteps)
                throw new ConfigException($"seed {row.Seed}'s curve ends at step {curve[^1].Step} of {budget.MaxSteps}: its trial in " +
                    $"{store.Root} stopped at the target " +
                    "(a run without --full-budget); calibrate into another --results folder.");
            curves[row.Seed] = curve;
        }
        var choice = CalibrationRule.Choose(curves, metric, direction, budget.MaxSteps, fraction);
        var first = rows.OrderBy(r => r.Seed).First();
        return new DatasetCalibration
        {
            Workload = workload.Id,
            Scale = scale,
            Dataset = dataset,
            DatasetChecksum = CalibrationStore.Checksum(dataset),
            Submission = first.Submission,
            Metric = metric,
            Direction = direction,
            Target = choice.Target,
            CurrentTarget = dataset.Length == 0 ? settings.Target.Value : null,
            Fraction = choice.Fraction,
            Step = choice.Step,
            Worst = choice.Worst,
            BudgetSteps = budget.MaxSteps,
            BudgetSeconds = budget.MaxSeconds,
            Seeds = choice.Seeds,
            RunId = first.RunId,
            GitCommit = first.GitCommit,
            Cpu = first.Cpu,
            MachineId = first.MachineId,
            Threads = first.Threads,
            CreatedUtc = DateTime.UtcNow,
        };
    }
}
