using System.Globalization;
using Bench.Harness.Results;
using CsvHelper;

namespace Bench.Harness.Gate;

/// <summary>
/// The committed smoke-scale reference (<c>results/reference/gate-smoke.&lt;machine class&gt;.csv</c>, see <see cref="GateMachineClass"/>) and the exact
/// comparison CI runs against it: any change in status or steps-to-target, or a final metric that
/// moves by more than <see cref="MetricTolerance"/>, is a difference; so is a trial missing on either side.
/// </summary>
public static class GateReference
{
    /// <summary>Absolute tolerance on the final metric: room for float summation order, not for a recipe change.</summary>
    public const double MetricTolerance = 1e-6;

    static readonly CsvWriterOptions Writer = new() { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\n" };
    static readonly CsvReaderOptions Reader = new() { FormatProvider = CultureInfo.InvariantCulture };

    public static IReadOnlyList<GateEntry> Read(string path)
    {
        using var csv = CsvReader.FromText(File.ReadAllText(path), Reader);
        return csv.GetRecords<GateEntry>().ToList();
    }

    public static void Write(string path, IEnumerable<GateEntry> entries)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Writer, leaveOpen: true))
        {
            csv.WriteHeader<GateEntry>();
            foreach (var entry in entries.OrderBy(e => e.Key, StringComparer.Ordinal)) csv.WriteRecord(entry);
        }
        AtomicFile.WriteAllText(path, text.ToString());
    }

    public static IReadOnlyList<GateDifference> Compare(IReadOnlyList<GateEntry> reference, IReadOnlyList<GateEntry> measured)
    {
        var differences = new List<GateDifference>();
        var measuredByKey = measured.ToDictionary(e => e.Key);
        foreach (var r in reference)
        {
            if (!measuredByKey.TryGetValue(r.Key, out var m))
            {
                differences.Add(new GateDifference(r.Key, "trial", "present", "missing"));
                continue;
            }
            if (r.Status != m.Status) differences.Add(new GateDifference(r.Key, "status", r.Status, m.Status));
            if (!r.StepsToTarget.Equals(m.StepsToTarget))
                differences.Add(new GateDifference(r.Key, "steps-to-target", Format(r.StepsToTarget), Format(m.StepsToTarget)));
            if (!SameMetric(r.FinalMetric, m.FinalMetric))
                differences.Add(new GateDifference(r.Key, "final metric", Format(r.FinalMetric), Format(m.FinalMetric)));
        }
        var referenceKeys = reference.Select(e => e.Key).ToHashSet();
        differences.AddRange(measured.Where(m => !referenceKeys.Contains(m.Key)).Select(m => new GateDifference(m.Key, "trial", "missing", "present")));
        return differences;
    }

    static bool SameMetric(double a, double b) => (double.IsNaN(a) && double.IsNaN(b)) || Math.Abs(a - b) <= MetricTolerance;

    static string Format(double v) => v.ToString("G9", CultureInfo.InvariantCulture);
}
