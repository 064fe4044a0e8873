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

    /// <summary>Profiles are drawn only for submissions measured on at least this many workloads: fewer give flat, unreadable lines.</summary>
    public const int ProfileMinimumWorkloads = 3;

    /// <summary>
    /// ρ(τ) on AlgoPerf's τ grid for every submission measured on at least <see cref="ProfileMinimumWorkloads"/> workloads,
    /// each in its own colour, the legend outside the axes. False when no submission qualifies.
    /// </summary>
    public static bool Profile(string path, string scale, string basis, IReadOnlyList<LeaderboardRow> rows)
    {
        rows = [.. rows.Where(r => r.Measured >= ProfileMinimumWorkloads)];
        if (rows.Count == 0) return false;
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category20();
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
        plot.ShowLegend(Edge.Right);
        Save(plot, path);
        return true;
    }

    /// <summary>
    /// The figure a reader looks at first: one row per (paper, submission, workload), the judged speedup with its 95% CI on a
    /// log axis, coloured by verdict, the paper's claimed factor as a grey triangle and 1x as a line. A median that missed
    /// (0x) or an unbounded CI is drawn at the axis edge. False when there is nothing to draw.
    /// </summary>
    public static bool Forest(string path, string scale, IReadOnlyList<ComparisonRow> rows)
    {
        rows = [.. rows.Where(r => !r.IsReference && r.Scale == scale)
            .OrderBy(r => r.Paper, StringComparer.Ordinal).ThenBy(r => r.Submission, StringComparer.Ordinal).ThenBy(r => r.Workload, StringComparer.Ordinal)];
        if (rows.Count == 0) return false;
        const double Min = 1.0 / 8, Max = 32;
        static double X(double speedup) => Math.Log10(Math.Clamp(double.IsNaN(speedup) ? 1 : speedup, Min, Max));
        var plot = new Plot();
        var labels = new List<Tick>();
        var legend = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = rows.Count - 1 - i;
            var speedup = row.JudgedSpeedup;
            var colour = VerdictColour(row.Verdict.Kind);
            var ci = plot.Add.Line(X(speedup.Lower), y, X(speedup.Upper), y);
            ci.Color = colour;
            ci.LineWidth = 2;
            var point = plot.Add.Marker(X(speedup.Value), y, MarkerShape.FilledCircle, 8, colour);
            // The first marker of each verdict (and of the claims) names it in the legend.
            if (legend.Add(row.Verdict.Text)) point.LegendText = row.Verdict.Text;
            if (row.Claim?.Factor is double claimed)
            {
                var claim = plot.Add.Marker(X(claimed), y, MarkerShape.FilledTriangleUp, 8, Colors.Gray);
                if (legend.Add("paper's claim")) claim.LegendText = "paper's claim";
            }
            var mark = row.Fidelity == Contracts.Fidelity.Faithful ? "" : $" ({row.Fidelity.ToString().ToLowerInvariant()})";
            var pooled = row.PooledRuns ? " *" : "";
            labels.Add(new Tick(y, $"{row.Paper} · {row.Submission}{mark} · {row.Workload} [{row.Verdict.Basis}]{pooled}"));
        }
        var one = plot.Add.VerticalLine(0);
        one.Color = Colors.Black;
        one.LinePattern = LinePattern.Dashed;
        double[] ticks = [0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 32];
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. ticks.Select(t => new Tick(Math.Log10(t), t < 1 ? $"{t:0.###}x" : $"{t:0}x"))]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. labels]);
        plot.Axes.SetLimits(Math.Log10(Min), Math.Log10(Max), -1, rows.Count);
        plot.ShowLegend(Edge.Right);
        plot.Title($"speedup against the baseline of the same run · {scale} · 95% bootstrap CI (basis in brackets)");
        plot.XLabel("speedup (log scale); misses at the left edge, unbounded CIs at the right; * baseline pools runs (rows without run id)");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        plot.SavePng(path, 1400, Math.Max(360, 80 + 26 * rows.Count));
        return true;
    }

    static Color VerdictColour(VerdictKind kind) => kind switch
    {
        VerdictKind.Reproduced => Colors.Green,
        VerdictKind.FasterBelowClaim => Colors.YellowGreen,
        VerdictKind.NoSpeedup => Colors.SteelBlue,
        VerdictKind.Slower => Colors.OrangeRed,
        VerdictKind.Failed => Colors.DarkRed,
        _ => Colors.Gray,
    };

    static void Save(Plot plot, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        plot.SavePng(path, Width, Height);
    }
}
