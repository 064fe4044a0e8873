using System.Globalization;
using Bench.Harness.Results;
using Bench.Harness.Statistics;
using CsvHelper;

namespace Bench.Repro.Publishing;

/// <summary>
/// The frozen reference set behind the performance profiles (<c>results/reference/profile-reference.csv</c>).
/// An entry is written once, from the baseline's rows, the first time a (workload, scale) is published
/// with a baseline that reached the target, and never rewritten: scores are ratios to these numbers,
/// so they do not drift as submissions or reruns are added. Delete a line to refreeze it deliberately.
/// </summary>
public static class ProfileReference
{
    static readonly CsvReaderOptions Reader = new() { FormatProvider = CultureInfo.InvariantCulture };
    static readonly CsvWriterOptions Writer = new() { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\n" };

    public static IReadOnlyList<ProfileReferenceEntry> Read(string path)
    {
        if (!File.Exists(path)) return [];
        using var csv = CsvReader.FromText(File.ReadAllText(path), Reader);
        return csv.GetRecords<ProfileReferenceEntry>().ToList();
    }

    /// <summary>
    /// Adds entries for (workload, scale) pairs not yet frozen, from the baseline rows of the machine with most seeds; returns the whole set.
    /// </summary>
    public static IReadOnlyList<ProfileReferenceEntry> Extend(string path, IEnumerable<TrialRecord> baselineRows)
    {
        var entries = Read(path).ToList();
        var known = entries.Select(e => (e.Workload, e.Scale)).ToHashSet();
        var added = false;
        foreach (var pair in baselineRows.GroupBy(r => (r.Workload, r.Scale)).Where(g => !known.Contains(g.Key)).OrderBy(g => g.Key))
        {
            var rows = pair.GroupBy(r => r.MachineId).OrderByDescending(m => m.Count()).ThenBy(m => m.Key, StringComparer.Ordinal).First().ToList();
            var seconds = Descriptive.Median([.. rows.Select(r => r.TimeToTargetSeconds)]);
            if (!double.IsFinite(seconds)) continue; // a reference that misses cannot normalise anything
            entries.Add(new ProfileReferenceEntry
            {
                Workload = pair.Key.Workload,
                Scale = pair.Key.Scale,
                MachineId = rows[0].MachineId,
                Seeds = rows.Count,
                MedianSeconds = seconds,
                MedianSteps = Descriptive.Median([.. rows.Select(r => r.StepsToTarget)]),
                Commits = string.Join(" ", rows.Select(r => r.GitCommit).Distinct().Order(StringComparer.Ordinal)),
            });
            added = true;
        }
        if (added) Write(path, entries);
        return entries;
    }

    static void Write(string path, IEnumerable<ProfileReferenceEntry> entries)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Writer, leaveOpen: true))
        {
            csv.WriteHeader<ProfileReferenceEntry>();
            foreach (var e in entries.OrderBy(e => e.Scale, StringComparer.Ordinal).ThenBy(e => e.Workload, StringComparer.Ordinal)) csv.WriteRecord(e);
        }
        AtomicFile.WriteAllText(path, text.ToString());
    }
}
