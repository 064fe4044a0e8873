using System.Globalization;
using Bench.Harness.Statistics;
using Bench.Repro.Display;
using Bench.Submissions.Papers;

namespace Bench.Repro.Publishing;

/// <summary>The published tables, each built from comparison rows only (so from trial rows only).</summary>
public static class ResultTables
{
    /// <summary>One table per (workload, scale): each submission against the baseline of its machine.</summary>
    public static PublishedTable Workload(string workload, string scale, IReadOnlyList<ComparisonRow> rows) => new(
        $"{workload}-{scale}",
        ["submission", "paper", "claim", "speedup (time) [95% CI]", "speedup (steps) [95% CI]", "speedup (examples) [95% CI]",
         "speedup (FLOPs) [95% CI]", "verdict", "why", "FSR", "seeds (reached)", "time-to-target s, median [IQR]", "steps-to-target, median [IQR]",
         "final metric (median)", "final metric p", "RCP audit", "data assembly (share of train time, median)", "hardware"],
        [.. rows.Select(r => new[]
        {
            r.Submission, r.Paper, Cells.Claim(r), Cells.Speedup(r, r.TimeSpeedup), Cells.Speedup(r, r.StepSpeedup), Cells.Speedup(r, r.ExampleSpeedup),
            Cells.Speedup(r, r.FlopSpeedup),
            r.Verdict.Text, r.IsReference ? "the yardstick" : r.Verdict.Reason, Cells.Fsr(r), $"{r.Seeds} ({r.Reached})" +
                (r.TimeCapped > 0 ? $" +{r.TimeCapped} time-capped, left out" : ""),
            Cells.MedianIqr(r.MedianSeconds, r.SecondsIqrLow, r.SecondsIqrHigh), Cells.MedianIqr(r.MedianSteps, r.StepsIqrLow, r.StepsIqrHigh, "0"),
            Cells.Number(r.MedianFinalMetric, "0.000"), Cells.TargetP(r), r.IsReference ? "-" : Cells.Audit(r),
            double.IsNaN(r.DataFraction) ? "-" : r.DataFraction.ToString("P1", CultureInfo.InvariantCulture), $"{r.Cpu} ({r.Machine})",
        })]);

    /// <summary>Area scores and geometric-mean speedups per submission and scale.</summary>
    public static PublishedTable Leaderboard(IReadOnlyList<LeaderboardRow> rows) => new(
        "leaderboard",
        ["scale", "submission", "paper", "workloads measured (reached) / frozen", "area score (time)", "area score (steps)", "geomean speedup (time)",
            "geomean speedup (steps)"],
        [.. rows.Select(r => new[]
        {
            r.Scale, r.Submission, r.Paper, $"{r.Measured} ({r.Reached}) / {r.Workloads}",
            Cells.Number(r.AreaTime, "0.000"), Cells.Number(r.AreaSteps, "0.000"),
            Cells.Number(r.GeomeanTime, "0.00") + "x", Cells.Number(r.GeomeanSteps, "0.00") + "x",
        })]);

    /// <summary>ρ(τ) of every submission at one scale on AlgoPerf's τ grid.</summary>
    public static PublishedTable Profile(string scale, string basis, IReadOnlyList<LeaderboardRow> rows)
    {
        var atScale = rows.Where(r => r.Scale == scale && (basis == "time" ? r.ProfileTime : r.ProfileSteps).Count > 0).ToList();
        return new($"profile-{scale}-{basis}", ["tau", .. atScale.Select(r => r.Submission)],
            [.. PerformanceProfile.Taus.Select((tau, i) =>
                new[] { F(tau) }.Concat(atScale.Select(r => F((basis == "time" ? r.ProfileTime : r.ProfileSteps)[i]))).ToArray())]);
    }

    /// <summary>Every paper of the registry: its status and, where measured, the verdict of its headline pair (<see cref="PaperHeadline"/>).</summary>
    public static PublishedTable Papers(IReadOnlyList<Paper> papers, IReadOnlyList<ComparisonRow> comparisons) => new(
        "papers",
        ["paper", "status", "claim", "feasible here", "measured on", "speedup (judged basis) [95% CI]", "verdict", "note"],
        [.. papers.Select(p =>
        {
            var best = PaperHeadline.Choose(p.Id, comparisons, Submissions.SubmissionRegistry.PaperControls.Values);
            return new[]
            {
                p.Id, p.StatusText, (p.ClaimFactor is double f ? $"{f:G4}x " : "") + p.ClaimKind, p.Feasible,
                best is null ? "-" : $"{best.Workload}/{best.Scale} ({best.Seeds} seeds)",
                best is null ? "-" : $"{best.JudgedSpeedup} ({best.Verdict.Basis})",
                best is null ? "not measured" : best.Verdict.Text,
                best is null ? p.StatusReason : best.Verdict.Reason,
            };
        })]);

    /// <summary>
    /// The noise floor of each (workload, scale): the baseline's seed-to-seed spread in its best-covered run, the minimum
    /// detectable speedup at the default seed count (and at 10), the seeds the goals need, and the A/A comparison.
    /// </summary>
    public static PublishedTable NoiseFloor(IReadOnlyList<NoiseFloor> floors, Func<string, string, int?> defaultSeeds) => new(
        "noise-floor",
        ["workload", "scale", "run", "baseline seeds (reached)", "CV time", "CV steps", "default seeds", "MDS time at the default", "MDS steps at the default",
         "MDS time / steps at 10", "seeds for the goals", "goals met at the default", "A/A time, even vs odd seeds [95% CI]"],
        [.. floors.Select(f =>
        {
            var n = defaultSeeds(f.Workload, f.Scale);
            var met = n is int d && f.MdsSeconds(d) <= Harness.Statistics.NoiseFloor.TimeGoal && f.MdsSteps(d) <= Harness.Statistics.NoiseFloor.StepsGoal;
            return new[]
            {
                f.Workload, f.Scale, f.Run, $"{f.Seeds} ({f.Reached})", Cells.Number(f.CvSeconds, "0.000"), Cells.Number(f.CvSteps, "0.000"),
                n?.ToString(CultureInfo.InvariantCulture) ?? "-", n is int a ? Cells.Factor(f.MdsSeconds(a)) : "-",
                n is int b ? Cells.Factor(f.MdsSteps(b)) : "-",
                $"{Cells.Factor(f.MdsSeconds(10))} / {Cells.Factor(f.MdsSteps(10))}", f.SeedsForGoals?.ToString(CultureInfo.InvariantCulture) ?? "> 50",
                n is null ? "-" : met ? "yes" : "no",
                $"{Cells.Factor(f.AaTime.Value)} [{Cells.Number(f.AaTime.Lower, "0.00")}, {Cells.Number(f.AaTime.Upper, "0.00")}]",
            };
        })]);

    /// <summary>Machine-readable summary of every comparison row (full precision).</summary>
    public static PublishedTable Summary(IReadOnlyList<ComparisonRow> rows) => new(
        "summary",
        ["workload", "scale", "submission", "paper", "seeds", "reached", "median_seconds", "seconds_iqr_low", "seconds_iqr_high",
         "median_steps", "steps_iqr_low", "steps_iqr_high", "speedup_time", "speedup_time_low", "speedup_time_high",
         "speedup_steps", "speedup_steps_low", "speedup_steps_high", "median_flops", "speedup_flops", "speedup_flops_low", "speedup_flops_high",
         "claim_factor", "claim_kind", "verdict", "verdict_basis", "verdict_reason",
         "fsr", "final_metric_mean", "final_metric_p", "rcp_min_examples", "rcp_mean_examples", "rcp_flag", "machine", "hardware",
         "median_examples", "speedup_examples", "speedup_examples_low", "speedup_examples_high", "data_fraction"],
        [.. rows.Select(r => new[]
        {
            r.Workload, r.Scale, r.Submission, r.Paper, F(r.Seeds), F(r.Reached), F(r.MedianSeconds), F(r.SecondsIqrLow), F(r.SecondsIqrHigh),
            F(r.MedianSteps), F(r.StepsIqrLow), F(r.StepsIqrHigh), F(r.TimeSpeedup.Value), F(r.TimeSpeedup.Lower), F(r.TimeSpeedup.Upper),
            F(r.StepSpeedup.Value), F(r.StepSpeedup.Lower), F(r.StepSpeedup.Upper), F(r.MedianFlops), F(r.FlopSpeedup.Value), F(r.FlopSpeedup.Lower),
            F(r.FlopSpeedup.Upper), r.Claim?.Factor is double f ? F(f) : "", r.Claim?.Kind ?? "",
            r.Verdict.Text, r.Verdict.Basis, r.Verdict.Reason, F(r.Fsr), F(r.TargetTest?.Mean ?? double.NaN), F(r.TargetTest?.PValue ?? double.NaN),
            F(r.Rcp?.MinimumMean ?? double.NaN), F(r.Rcp?.SubmissionMean ?? double.NaN), r.Rcp is null ? "" : r.Rcp.Flagged ? "audit" : "ok", r.Machine, r.Cpu,
            F(r.MedianExamples), F(r.ExampleSpeedup.Value), F(r.ExampleSpeedup.Lower), F(r.ExampleSpeedup.Upper), F(r.DataFraction),
        })]);

    static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    static string F(int v) => v.ToString(CultureInfo.InvariantCulture);
}
