using Bench.Contracts;
using Bench.Harness.Results;
using Bench.Harness.Training;

namespace Bench.Harness.Statistics;

/// <summary>
/// One (workload, scale, submission) summarised over its seeds and compared with the baseline of the
/// same rows: medians and IQRs of time- and steps-to-target (misses infinite, time-capped trials left out), bootstrap speedups in
/// time and steps, the final-metric t-test, the RCP audit on examples-to-target, the verdict against
/// the paper's claim and the fraction of the claimed speedup recovered.
/// </summary>
public sealed record ComparisonRow(
    string Workload,
    string Scale,
    string Submission,
    string Paper,
    int Seeds,
    int Reached,
    double MedianSeconds,
    double MedianSteps,
    double SecondsIqrLow,
    double SecondsIqrHigh,
    SpeedupEstimate TimeSpeedup,
    SpeedupEstimate StepSpeedup,
    string Cpu)
{
    /// <summary>
    /// Speedup in FLOPs to target (baseline median / submission median, bootstrap CI): the FLOPs of the steps actually
    /// run (<see cref="Bench.Contracts.TrainingMethod.FlopsPerExample"/>), so a method that makes a step cheaper shows it.
    /// Not available (NaN) for rows written before FLOPs were recorded.
    /// </summary>
    public SpeedupEstimate FlopSpeedup { get; init; } = new(double.NaN, double.NaN, double.NaN);

    /// <summary>Median FLOPs to target over seeds (misses infinite).</summary>
    public double MedianFlops { get; init; } = double.NaN;

    /// <summary>
    /// Speedup in examples to target (baseline median / submission median, bootstrap CI): examples delivered (seen, skipped
    /// ones included) plus the example equivalents a method charged, the basis of data-efficiency claims.
    /// </summary>
    public SpeedupEstimate ExampleSpeedup { get; init; } = new(double.NaN, double.NaN, double.NaN);

    /// <summary>Median examples to target over seeds (misses infinite).</summary>
    public double MedianExamples { get; init; } = double.NaN;

    /// <summary>
    /// Median over seeds of the share of training time spent drawing batches (<see cref="TrialRecord.DataSeconds"/> over
    /// <see cref="TrialRecord.TrainSeconds"/>): the data-assembly fraction. NaN for rows written before it was recorded.
    /// </summary>
    public double DataFraction { get; init; } = double.NaN;

    /// <summary>Interquartile range of steps-to-target.</summary>
    public double StepsIqrLow { get; init; } = double.NaN;
    public double StepsIqrHigh { get; init; } = double.NaN;

    /// <summary>The run the rows came from; empty for rows written before runs were recorded (see <see cref="PooledRuns"/>).</summary>
    public string RunId { get; init; } = "";

    /// <summary>The rows' dataset (<see cref="TrialRecord.Dataset"/>; empty: the workload's own): rows of other data are another group.</summary>
    public string Dataset { get; init; } = "";

    /// <summary>Hash of the submission's hyperparameters: rows with other settings are another arm.</summary>
    public string HparamsHash { get; init; } = "";

    /// <summary>
    /// True when the rows carry no run id, so the baseline they are compared with may pool several runs (and commits):
    /// such a comparison breaks the same-run rule and tables mark it.
    /// </summary>
    public bool PooledRuns => RunId.Length == 0;

    /// <summary>Machine id(s) of the rows: times compare only within one machine.</summary>
    public string Machine { get; init; } = "";

    /// <summary>Metric and target of the rows (the first row's; all rows of a group share them).</summary>
    public string Metric { get; init; } = "";
    public double Target { get; init; } = double.NaN;

    /// <summary>Median over seeds of each trial's last evaluation: the metric tables show.</summary>
    public double MedianFinalMetric { get; init; } = double.NaN;

    /// <summary>
    /// Median over seeds of the best evaluation of each trial: optimistic (the best of many test evaluations), shown only
    /// where labelled so, for the paper-control comparisons data-limited papers make when no arm reaches the target.
    /// </summary>
    public double MedianBestMetric { get; init; } = double.NaN;

    /// <summary>One-sided t-test that the mean final metric meets the target.</summary>
    public TargetTest? TargetTest { get; init; }

    /// <summary>MLPerf-style convergence audit of examples-to-target against the baseline; null for the baseline or when too few runs converged.</summary>
    public ReferenceConvergence? Rcp { get; init; }

    /// <summary>The verdict against the paper's claim (<see cref="Verdict.Reference"/> for the baseline).</summary>
    public Verdict Verdict { get; init; } = Verdict.Reference;

    /// <summary>The paper's claim, when known.</summary>
    public PaperClaim? Claim { get; init; }

    /// <summary>Fraction of the claimed speedup recovered, on the verdict's basis; NaN without a claimed factor.</summary>
    public double Fsr { get; init; } = double.NaN;

    /// <summary>How much of the paper the submission implements: partial rows are marked, a proxy is never given the paper's verdict.</summary>
    public Fidelity Fidelity { get; init; } = Fidelity.Faithful;

    /// <summary>
    /// Trials of this group left out because the safety time cap stopped them (<see cref="Training.TrialStatus.TimeCapped"/>):
    /// they say more about the machine's load than the method, so they count like missing trials, not as misses.
    /// </summary>
    public int TimeCapped { get; init; }

    /// <summary>True for the baseline's own row.</summary>
    public bool IsReference => Verdict.Kind == VerdictKind.Reference;

    /// <summary>The speedup the verdict rests on.</summary>
    public SpeedupEstimate JudgedSpeedup => Verdict.Basis switch
    {
        "steps" => StepSpeedup,
        Statistics.Verdict.FlopsBasis => FlopSpeedup,
        Statistics.Verdict.ExamplesBasis => ExampleSpeedup,
        _ => TimeSpeedup,
    };

    /// <summary>
    /// Groups <paramref name="records"/> by (run, workload, dataset, scale, submission, hyperparameters) and compares each group
    /// with the rows of <paramref name="baselineId"/> of the same run, workload, dataset and scale (when the run holds the
    /// baseline at several settings, the one with most rows). Rows of different runs or datasets are never compared or pooled.
    /// </summary>
    public static IReadOnlyList<ComparisonRow> Build(IEnumerable<TrialRecord> records, string baselineId, ComparisonContext? context = null)
    {
        context ??= ComparisonContext.None;
        var given = records.ToList();
        // Time-capped trials are left out like missing ones (a rerun retries them); each row says how many.
        var all = given.Where(r => r.Status != TrialStatus.TimeCapped).ToList();
        var capped = given.Where(r => r.Status == TrialStatus.TimeCapped).CountBy(r => (r.RunId, r.Workload, r.Dataset, r.Scale, r.Submission, r.HparamsHash))
            .ToDictionary();
        var rows = new List<ComparisonRow>();
        foreach (var group in all.GroupBy(r => (r.RunId, r.Workload, r.Dataset, r.Scale, r.Submission, r.HparamsHash))
                     .OrderBy(g => g.Key.RunId, StringComparer.Ordinal).ThenBy(g => g.Key.Workload).ThenBy(g => g.Key.Dataset, StringComparer.Ordinal)
                         .ThenBy(g => g.Key.Scale)
                     .ThenBy(g => g.Key.Submission == baselineId ? "" : g.Key.Submission, StringComparer.Ordinal)
                         .ThenBy(g => g.Key.HparamsHash, StringComparer.Ordinal))
        {
            var baseline = all.Where(r => r.RunId == group.Key.RunId && r.Workload == group.Key.Workload && r.Dataset == group.Key.Dataset
                    && r.Scale == group.Key.Scale && r.Submission == baselineId)
                .GroupBy(r => r.HparamsHash).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .FirstOrDefault()?.ToList() ?? [];
            var first = group.First();
            var times = group.Select(r => r.TimeToTargetSeconds).ToList();
            var steps = group.Select(r => r.StepsToTarget).ToList();
            var timeSpeedup = SpeedupEstimate.Estimate(baseline.Select(r => r.TimeToTargetSeconds).ToList(), times);
            var stepSpeedup = SpeedupEstimate.Estimate(baseline.Select(r => r.StepsToTarget).ToList(), steps);
            var flops = group.Select(r => r.FlopsToTarget).ToList();
            var flopSpeedup = SpeedupEstimate.Estimate(baseline.Select(r => r.FlopsToTarget).ToList(), flops);
            var examples = group.Select(r => r.ExamplesToTarget).ToList();
            var exampleSpeedup = SpeedupEstimate.Estimate(baseline.Select(r => r.ExamplesToTarget).ToList(), examples);
            var direction = context.Direction(group.Key.Workload, group.Key.Scale) ?? ComparisonContext.GuessDirection(first.Metric);
            var isBaseline = group.Key.Submission == baselineId;
            var claim = isBaseline ? null : context.Claim(first.Paper);
            var row = new ComparisonRow(
                group.Key.Workload, group.Key.Scale, group.Key.Submission, first.Paper,
                Seeds: group.Count(),
                Reached: group.Count(r => r.Reached),
                MedianSeconds: Descriptive.Median(times),
                MedianSteps: Descriptive.Median(steps),
                SecondsIqrLow: Descriptive.Quantile(times, 0.25),
                SecondsIqrHigh: Descriptive.Quantile(times, 0.75),
                TimeSpeedup: timeSpeedup,
                StepSpeedup: stepSpeedup,
                Cpu: string.Join("; ", group.Select(r => $"{r.Cpu} x{r.Threads}").Distinct()))
            {
                Machine = string.Join(";", group.Select(r => r.MachineId).Distinct()),
                RunId = group.Key.RunId,
                Dataset = group.Key.Dataset,
                HparamsHash = group.Key.HparamsHash,
                FlopSpeedup = flopSpeedup,
                MedianFlops = Descriptive.Median(flops),
                ExampleSpeedup = exampleSpeedup,
                MedianExamples = Descriptive.Median(examples),
                DataFraction = Descriptive.Median([.. group.Where(r => r.TrainSeconds > 0).Select(r => r.DataSeconds / r.TrainSeconds)
                    .Where(double.IsFinite)]),
                StepsIqrLow = Descriptive.Quantile(steps, 0.25),
                StepsIqrHigh = Descriptive.Quantile(steps, 0.75),
                Metric = first.Metric,
                Target = first.Target,
                MedianFinalMetric = Descriptive.Median([.. group.Select(r => r.FinalMetric).Where(double.IsFinite)]),
                MedianBestMetric = Descriptive.Median([.. group.Select(r => r.BestMetric).Where(double.IsFinite)]),
                TargetTest = TargetTest.Run([.. group.Select(r => r.FinalMetric)], first.Target, direction),
                Claim = claim,
                TimeCapped = capped.GetValueOrDefault(group.Key),
            };
            if (!isBaseline)
            {
                var fidelity = context.Fidelity(group.Key.Submission);
                var verdict = Verdict.Judge(timeSpeedup, stepSpeedup, double.IsPositiveInfinity(row.MedianSeconds), row.Reached, row.Seeds, claim,
                    flopSpeedup, exampleSpeedup);
                verdict = fidelity switch
                {
                    Fidelity.Proxy => new Verdict(VerdictKind.NotApplicable, verdict.Basis, "a proxy, not the paper's method: measured, never " +
                        "given the paper's verdict"),
                    Fidelity.Partial => verdict with { Reason = "partial implementation (see the card); " + verdict.Reason },
                    _ => verdict,
                };
                var judged = verdict.Basis switch
                {
                    "steps" => stepSpeedup,
                    Verdict.FlopsBasis => flopSpeedup,
                    Verdict.ExamplesBasis => exampleSpeedup,
                    _ => timeSpeedup,
                };
                row = row with
                {
                    Fidelity = fidelity,
                    Verdict = verdict,
                    Fsr = claim is { IsTrainingSpeed: true } ? SpeedupRecovered.Fraction(judged.Value, claim.Factor) : double.NaN,
                    Rcp = ReferenceConvergence.Check([.. baseline.Select(r => r.ExamplesToTarget)], [.. group.Select(r => r.ExamplesToTarget)]),
                };
            }
            rows.Add(row);
        }
        return rows;
    }
}
