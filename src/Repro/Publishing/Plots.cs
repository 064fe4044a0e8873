using Bench.Harness.Results;
using Bench.Harness.Statistics;
using ScottPlot;

namespace Bench.Repro.Publishing;

/// <summary>
/// The published PNGs (ScottPlot): held-out metric against training-clock seconds for every trial of
/// a workload (one colour per submission, the target dashed), and the performance profiles ρ(τ).
/// Drawn from the committed curves and rows only.
/// </summary>
public static class Plots
{
    const int Width = 900, Height = 520;

    /// <summary>Metric vs time for every trial of (workload, scale); false when no curve has the metric.</summary>
    public static bool Curves(string path, string workload, string scale, IReadOnlyList<TrialRecord> rows, ResultsStore store)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var drawn = false;
        var metric = rows[0].Metric;
        var submissions = rows.Select(r => r.Submission).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var (submission, colour) in submissions.Select((s, i) => (s, palette.GetColor(i))))
        {
            var first = true;
            foreach (var row in rows.Where(r => r.Submission == submission).OrderBy(r => r.Seed))
            {
                var curve = store.ReadCurve(row.Spec).Where(p => p.Metrics.ContainsKey(metric) && double.IsFinite(p.Metrics[metric])).ToList();
                if (curve.Count == 0) continue;
                var line = plot.Add.ScatterLine(curve.Select(p => p.Seconds).ToArray(), curve.Select(p => p.Metrics[metric]).ToArray(), colour);
                line.LineWidth = 1.5f;
                if (first) line.LegendText = submission;
                first = false;
                drawn = true;
            }
        }
        if (!drawn) return false;
        var target = plot.Add.HorizontalLine(rows[0].Target);
        target.LinePattern = LinePattern.Dashed;
        target.Color = Colors.Gray;
        target.LegendText = $"target {rows[0].Target:G4}";
        plot.Title($"{workload} · {scale}: {metric} vs training seconds (one line per seed)");
        plot.XLabel("training-clock seconds (evaluation excluded)");
        plot.YLabel(metric);
        plot.ShowLegend();
        Save(plot, path);
        return true;
    }

    /// <summary>ρ(τ) of every submission on AlgoPerf's τ grid.</summary>
    public static void Profile(string path, string scale, string basis, IReadOnlyList<LeaderboardRow> rows)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var taus = PerformanceProfile.Taus.ToArray();
        foreach (var (row, i) in rows.Select((r, i) => (r, i)))
        {
            var rho = basis == "time" ? row.ProfileTime : row.ProfileSteps;
            if (rho.Count == 0) continue;
            var line = plot.Add.ScatterLine(taus, rho.ToArray(), palette.GetColor(i));
            line.LineWidth = 2;
            line.LegendText = row.Submission;
        }
        plot.Title($"performance profiles · {scale} · {basis}-to-target vs the frozen reference");
        plot.XLabel($"τ (ratio of {basis}-to-target to the reference)");
        plot.YLabel("fraction of workloads within τ");
        plot.Axes.SetLimits(1, 4, -0.02, 1.02);
        plot.ShowLegend();
        Save(plot, path);
    }

    static void Save(Plot plot, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        plot.SavePng(path, Width, Height);
    }
}
