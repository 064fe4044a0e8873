using System.Globalization;

namespace Bench.Micro.Reports;

/// <summary>
/// Compares micro-benchmark ratios with the committed reference for this machine class
/// (<c>results/micro/reference.csv</c>: <c>benchmark,method,parameters,ratio</c>). A ratio whose relative
/// change exceeds the threshold is reported as a warning, never a failure: short-job ratios on a shared
/// 2-core machine move 10-25% between runs, so <see cref="DefaultThreshold"/> is 25%.
/// </summary>
public static class MicroDrift
{
    /// <summary>The reference file's name inside the micro folder.</summary>
    public const string ReferenceFile = "reference.csv";

    /// <summary>Relative change of a ratio that is worth a warning.</summary>
    public const double DefaultThreshold = 0.25;

    /// <summary>A reference ratio and the current one.</summary>
    public sealed record Change(string Benchmark, string Method, string Parameters, double Reference, double Current)
    {
        /// <summary>current / reference - 1.</summary>
        public double Relative => Current / Reference - 1;

        public override string ToString() =>
            $"{Benchmark[(Benchmark.LastIndexOf('.') + 1)..]}.{Method} [{Parameters}]: ratio {Reference:0.###} -> {Current:0.###} ({Relative:+0%;-0%})";
    }

    /// <summary>The reference ratios by <see cref="MicroComparison.Key"/>.</summary>
    public static IReadOnlyDictionary<string, double> Read(IEnumerable<string> lines) =>
        lines.Skip(1).Where(l => l.Trim().Length > 0).Select(line =>
        {
            // Parameters may contain commas (several params are joined with '&', but be safe): ratio is last.
            var first = line.IndexOf(',');
            var second = line.IndexOf(',', first + 1);
            var last = line.LastIndexOf(',');
            if (first < 0 || second < 0 || last <= second) throw new InvalidDataException($"{ReferenceFile}: expected " +
                $"benchmark,method,parameters,ratio in '{line}'");
            var key = $"{line[..first]}|{line[(first + 1)..second]}|{line[(second + 1)..last]}";
            return (key, Ratio: double.Parse(line[(last + 1)..], CultureInfo.InvariantCulture));
        }).ToDictionary(x => x.key, x => x.Ratio);

    /// <summary>The reference file's text for <paramref name="rows"/>.</summary>
    public static string Format(IEnumerable<MicroComparison> rows) =>
        "benchmark,method,parameters,ratio\n" + string.Concat(rows.Select(r =>
            $"{r.Benchmark},{r.Candidate},{r.Parameters},{r.Ratio.ToString("0.####", CultureInfo.InvariantCulture)}\n"));

    /// <summary>
    /// Rows of <paramref name="current"/> whose ratio moved by more than <paramref name="threshold"/> from the reference; rows without a reference are skipped.
    /// </summary>
    public static IReadOnlyList<Change> Moved(IEnumerable<MicroComparison> current, IReadOnlyDictionary<string, double> reference,
        double threshold = DefaultThreshold) =>
        current
            .Where(r => reference.ContainsKey(r.Key))
            .Select(r => new Change(r.Benchmark, r.Candidate, r.Parameters, reference[r.Key], r.Ratio))
            .Where(c => Math.Abs(c.Relative) > threshold)
            .ToList();
}
