using System.Globalization;
using Bench.Contracts;
using Bench.Harness.Results;
using Bench.Harness.Training;
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
    static readonly CsvReaderOptions Reader = new() { FormatProvider = CultureInfo.InvariantCulture, Separator = ',' };

    static readonly CsvReaderOptions Raw = new()
    {
        FormatProvider = CultureInfo.InvariantCulture, HasHeader = false, Separator = ',', TrackLineNumbers = true,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
    };

    /// <summary>
    /// Reads and checks the reference: its header, every row's fields, statuses and unique trials. Anything wrong is a
    /// <see cref="ConfigException"/> naming the file and line, so the gate fails before it runs any trial.
    /// </summary>
    public static IReadOnlyList<GateEntry> Read(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"no gate reference at {path}. Create it deliberately with 'repro gate --update'.");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"gate reference {path} cannot be read ({e.Message}). Name a readable file with --reference FILE.");
        }
        ConfigException Bad(long line, string problem) =>
            new($"gate reference {path} line {line}: {problem}. Fix the file, or rewrite it deliberately with 'repro gate --update'.");

        var expected = Header();
        var rowLines = new List<long>();
        using (var raw = CsvReader.FromText(text, Raw))
        {
            if (!raw.Read()) throw Bad(1, "the file is empty");
            var header = Enumerable.Range(0, raw.FieldCount).Select(raw.GetString).ToList();
            if (!header.SequenceEqual(expected, StringComparer.Ordinal))
                throw Bad(raw.LineNumber, $"the header is not {string.Join(",", expected)}");
            while (raw.Read())
            {
                if (raw.FieldCount != expected.Count) throw Bad(raw.LineNumber, $"{raw.FieldCount} fields where a row has {expected.Count}");
                rowLines.Add(raw.LineNumber);
            }
        }

        var entries = new List<GateEntry>();
        using var csv = CsvReader.FromText(text, Reader);
        foreach (var line in rowLines)
        {
            csv.Read();
            GateEntry entry;
            try
            {
                entry = csv.GetRecord<GateEntry>();
            }
            catch (CsvFormatException e)
            {
                var column = e.FieldIndex is >= 0 and var f && f < expected.Count ? expected[(int)f] : "?";
                throw Bad(line, $"column {column}: {(e.InnerException ?? e).Message}");
            }
            if (!Enum.TryParse<TrialStatus>(entry.Status, ignoreCase: false, out _) || int.TryParse(entry.Status, out _))
                throw Bad(line, $"'{entry.Status}' is not a trial status ({string.Join(", ", Enum.GetNames<TrialStatus>())})");
            if (entries.Any(e => e.Key == entry.Key)) throw Bad(line, $"{entry.Key} appears twice");
            entries.Add(entry);
        }
        return entries;
    }

    static IReadOnlyList<string> Header()
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Writer, leaveOpen: true)) csv.WriteHeader<GateEntry>();
        return text.ToString().TrimEnd('\n').Split(',');
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
