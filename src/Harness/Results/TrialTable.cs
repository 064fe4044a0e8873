using System.Globalization;
using Bench.Harness.Training;
using CsvHelper;

namespace Bench.Harness.Results;

/// <summary>
/// Reads <c>trials.csv</c> record by record, saying for each where it starts and what, if anything, is wrong with
/// it, so a damaged file is reported by line instead of failing somewhere inside the CSV reader; and the rule
/// every reader of the table uses: a later row for the same (trial, machine) supersedes an earlier one.
/// </summary>
public static class TrialTable
{
    static readonly CsvReaderOptions Raw = new()
    {
        FormatProvider = CultureInfo.InvariantCulture,
        HasHeader = false,
        Separator = ',',
        TrackLineNumbers = true,
        AllowLineBreaksInQuotes = true,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
    };

    static readonly CsvReaderOptions Typed = new() { FormatProvider = CultureInfo.InvariantCulture, Separator = ',' };
    static readonly CsvWriterOptions Writer = new() { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\n" };

    /// <summary>The columns this build writes, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = RawRecords(Format([]))[0].Fields;

    /// <summary>Columns added after the first published tables; a file that lacks only these is not damaged.</summary>
    static readonly IReadOnlySet<string> OptionalColumns = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(TrialRecord.Hparams), nameof(TrialRecord.HparamsHash), nameof(TrialRecord.RunId), nameof(TrialRecord.Dataset),
        nameof(TrialRecord.Node), nameof(TrialRecord.JobId), nameof(TrialRecord.ArrayIndex), nameof(TrialRecord.DataSeconds),
        nameof(TrialRecord.ExamplesSkipped),
    };

    /// <summary>What a column holds in a row that does not set it: used for columns an older file lacks.</summary>
    static readonly IReadOnlyList<string> Defaults = RawRecords(Format([new TrialRecord()]))[1].Fields;

    /// <summary>
    /// Every record of <paramref name="text"/> (which ends at a line break; the caller cuts a torn last line): the
    /// header first, then one entry per row. A header that differs from <see cref="Columns"/> is a problem at line 1;
    /// the rows are then still read, by column name when the header is an older subset of the columns, else by position,
    /// so a repair can keep them.
    /// </summary>
    public static IReadOnlyList<TrialTableEntry> Scan(string text)
    {
        var records = RawRecords(text);
        if (records.Count == 0) return [];

        var totalLines = text.Count(c => c == '\n');
        int LineCount(int i) => (i + 1 < records.Count ? records[i + 1].Line : totalLines + 1) - records[i].Line;

        var header = records[0].Fields;
        var entries = new List<TrialTableEntry>();
        // Rows are read by column name under this build's header or an older subset of it, else by position.
        int width = header.Length;
        Func<string[], string[]> reorder = fields => fields;
        if (header.SequenceEqual(Columns, StringComparer.Ordinal))
            entries.Add(new TrialTableEntry(records[0].Line, LineCount(0), null, null));
        else if (header.All(Columns.Contains) && header.Distinct().Count() == header.Length)
        {
            // Columns added since (hyperparameters, run id) are optional: a file without them reads as it is, and the next
            // append upgrades its header. Any other missing column is damage.
            var missing = Columns.Except(header).ToList();
            entries.Add(new TrialTableEntry(records[0].Line, LineCount(0), null,
                missing.All(OptionalColumns.Contains) ? null : $"the header lacks the columns {string.Join(", ", missing)} (an older file)"));
            var index = Columns.Select(c => Array.IndexOf(header, c)).ToArray();
            reorder = fields => [.. index.Select((at, i) => at < 0 ? Defaults[i] : fields[at])];
        }
        else
        {
            entries.Add(new TrialTableEntry(records[0].Line, LineCount(0), null,
                $"the header is not {Columns[0]},{Columns[1]},... with {Columns.Count} columns (it reads '{Describe(string.Join(",", header))}')"));
            width = Columns.Count;
        }

        // Rows of the right width are re-encoded in this build's column order and read by the generated mapper.
        var candidates = new List<int>();
        for (var i = 1; i < records.Count; i++)
            if (records[i].Fields.Length == width) candidates.Add(i);
        var parsed = Parse(candidates.Select(i => reorder(records[i].Fields)).ToList());
        var byRecord = candidates.Zip(parsed).ToDictionary(p => p.First, p => p.Second);

        for (var i = 1; i < records.Count; i++)
        {
            var (line, fields) = records[i];
            entries.Add(byRecord.TryGetValue(i, out var result)
                ? new TrialTableEntry(line, LineCount(i), result.Record, result.Problem)
                : new TrialTableEntry(line, LineCount(i), null, fields.Length == 1
                    ? $"not a row of the table ({Describe(fields[0])})"
                    : $"{fields.Length} fields where a row has {width}"));
        }
        return entries;
    }

    /// <summary>
    /// The rows of <paramref name="rows"/> that no later row supersedes: the newest per (trial, machine, run), in order of
    /// first appearance. A retry in the same run supersedes; the same trial in another run is another measurement (its
    /// run's baseline is compared with its run's submissions), so both stay current.
    /// </summary>
    public static IReadOnlyList<TrialRecord> Current(IEnumerable<TrialRecord> rows)
    {
        var position = new Dictionary<(TrialSpec, string, string), int>();
        var current = new List<TrialRecord>();
        foreach (var row in rows)
        {
            var key = (row.Spec, row.MachineId, row.RunId);
            if (position.TryGetValue(key, out var at)) current[at] = row;
            else
            {
                position[key] = current.Count;
                current.Add(row);
            }
        }
        return current;
    }

    /// <summary>The text of a table holding <paramref name="rows"/>, header first unless <paramref name="header"/> is false.</summary>
    public static string Format(IEnumerable<TrialRecord> rows, bool header = true)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Writer, leaveOpen: true))
        {
            if (header) csv.WriteHeader<TrialRecord>();
            foreach (var row in rows) csv.WriteRecord(row);
        }
        return text.ToString();
    }

    /// <summary>Every record of <paramref name="text"/> as its fields, with the line it starts on.</summary>
    static List<(int Line, string[] Fields)> RawRecords(string text)
    {
        var records = new List<(int, string[])>();
        using var csv = CsvReader.FromText(text, Raw);
        while (csv.Read()) records.Add(((int)csv.LineNumber, [.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]));
        return records;
    }

    /// <summary>Reads rows already in this build's column order; a row that does not parse gets its problem instead.</summary>
    static List<(TrialRecord? Record, string? Problem)> Parse(IReadOnlyList<string[]> rows)
    {
        if (rows.Count == 0) return [];
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = CsvWriter.Create(text, Writer, leaveOpen: true))
        {
            writer.WriteRecord([.. Columns]);
            foreach (var row in rows) writer.WriteRecord(row);
        }
        var results = new List<(TrialRecord?, string?)>(rows.Count);
        using var csv = CsvReader.FromText(text.ToString(), Typed);
        while (csv.Read())
        {
            try
            {
                results.Add((csv.GetRecord<TrialRecord>(), null));
            }
            catch (CsvFormatException e)
            {
                var column = e.FieldIndex is >= 0 and var f && f < Columns.Count ? Columns[(int)f] : "?";
                results.Add((null, $"column {column}: {Describe(e.InnerException?.Message ?? e.Message)}"));
            }
        }
        return results;
    }

    /// <summary>Text from a damaged file, made safe for a one-line message: control characters escaped, long text cut.</summary>
    static string Describe(string text)
    {
        var safe = string.Concat(text.Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()));
        return safe.Length > 80 ? safe[..77] + "..." : safe;
    }
}
