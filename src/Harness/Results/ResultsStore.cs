using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bench.Harness.Training;
using CsvHelper;

namespace Bench.Harness.Results;

/// <summary>
/// One results folder. Layout:
/// <c>trials.csv</c> (one row per finished trial, append-only),
/// <c>trials/&lt;workload&gt;/&lt;scale&gt;/&lt;submission&gt;/seed-N.json</c> (manifest) and
/// <c>curves/…/seed-N.csv</c> (evaluation curve). Files are written atomically and rows are
/// appended with a single flushed write, so killing a run at any moment loses nothing written.
/// </summary>
public sealed class ResultsStore(string root)
{
    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    static readonly CsvReaderOptions ReaderOptions = new() { FormatProvider = CultureInfo.InvariantCulture };
    static readonly CsvWriterOptions WriterOptions = new() { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\n" };

    static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The folder this store writes to.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The table of finished trials.</summary>
    public string TrialsCsv => Path.Combine(Root, "trials.csv");

    /// <summary>Path of the manifest for <paramref name="spec"/>.</summary>
    public string ManifestPath(TrialSpec spec) => Path.Combine(Root, "trials", spec.Key + ".json");

    /// <summary>
    /// Path of the trial's log: what the trial process wrote to standard error (a method's own report, such as
    /// the LR range test's peak or AutoLRS's chosen rates), kept beside the manifest.
    /// </summary>
    public string LogPath(TrialSpec spec) => Path.Combine(Root, "trials", spec.Key + ".log");

    /// <summary>Writes the trial's log (see <see cref="LogPath"/>).</summary>
    public void SaveLog(TrialSpec spec, string text) => AtomicFile.WriteAllText(LogPath(spec), text.EndsWith('\n') ? text : text + "\n");

    /// <summary>Path of the curve for <paramref name="spec"/>.</summary>
    public string CurvePath(TrialSpec spec) => Path.Combine(Root, "curves", spec.Key + ".csv");

    /// <summary>Every complete row; a line torn by a kill mid-write is ignored.</summary>
    public IReadOnlyList<TrialRecord> ReadTrials()
    {
        if (!File.Exists(TrialsCsv)) return [];
        var text = File.ReadAllText(TrialsCsv);
        var complete = text.EndsWith('\n') ? text : text[..(text.LastIndexOf('\n') + 1)];
        using var csv = CsvReader.FromText(complete, ReaderOptions);
        return csv.GetRecords<TrialRecord>().ToList();
    }

    /// <summary>Appends one row, writing the header first when the table is new.</summary>
    public void Append(TrialRecord record)
    {
        Directory.CreateDirectory(Root);
        DropTornTail();
        UpgradeHeader();
        var isNew = !File.Exists(TrialsCsv) || new FileInfo(TrialsCsv).Length == 0;
        var line = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(line, WriterOptions, leaveOpen: true))
        {
            if (isNew) csv.WriteHeader<TrialRecord>();
            csv.WriteRecord(record);
        }
        var bytes = Encoding.UTF8.GetBytes(line.ToString());
        using var stream = new FileStream(TrialsCsv, FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Writes the manifest and curve of a finished trial (before its row is appended).</summary>
    public void SaveTrial(TrialManifest manifest, IReadOnlyList<CurvePoint> curve)
    {
        var spec = manifest.Record.Spec;
        AtomicFile.WriteAllText(CurvePath(spec), CurveCsv(curve));
        AtomicFile.WriteAllText(ManifestPath(spec), JsonSerializer.Serialize(manifest, Json));
    }

    /// <summary>The manifest a trial process left, or null when it left none.</summary>
    public TrialManifest? ReadManifest(TrialSpec spec)
    {
        var path = ManifestPath(spec);
        return File.Exists(path) ? JsonSerializer.Deserialize<TrialManifest>(File.ReadAllText(path), Json) : null;
    }

    /// <summary>Reads a curve written by <see cref="SaveTrial"/>.</summary>
    public IReadOnlyList<CurvePoint> ReadCurve(TrialSpec spec)
    {
        var path = CurvePath(spec);
        if (!File.Exists(path)) return [];
        using var csv = CsvReader.FromText(File.ReadAllText(path), ReaderOptions);
        var points = new List<CurvePoint>();
        while (csv.Read())
        {
            var metrics = csv.Headers.Skip(4).ToDictionary(m => m, m => csv.Parse<double>(m));
            points.Add(new CurvePoint(
                csv.Parse<long>("step"),
                csv.Parse<long>("examples"),
                csv.Parse<double>("seconds"),
                csv.Parse<double>("train_loss"),
                metrics));
        }
        return points;
    }

    static string CurveCsv(IReadOnlyList<CurvePoint> curve)
    {
        var metrics = curve.SelectMany(p => p.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, WriterOptions, leaveOpen: true))
        {
            csv.WriteHeader([.. new[] { "step", "examples", "seconds", "train_loss" }.Concat(metrics)]);
            foreach (var point in curve)
            {
                var fields = new[] { Format(point.Step), Format(point.Examples), Format(point.Seconds), Format(point.TrainLoss) }
                    .Concat(metrics.Select(m => Format(point.Metrics.TryGetValue(m, out var v) ? v : double.NaN)));
                csv.WriteRecord([.. fields]);
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// A table written before columns were added (hyperparameters, run id) gets the current header before the next
    /// append, so new rows never land under an old header: its rows are rewritten with the new columns empty, atomically,
    /// and the old file is kept beside it as <c>trials.csv.before-upgrade</c>.
    /// </summary>
    void UpgradeHeader()
    {
        if (!File.Exists(TrialsCsv) || new FileInfo(TrialsCsv).Length == 0) return;
        string header;
        using (var reader = new StreamReader(TrialsCsv)) header = reader.ReadLine() ?? "";
        var current = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(current, WriterOptions, leaveOpen: true)) csv.WriteHeader<TrialRecord>();
        if (header == current.ToString().TrimEnd('\n')) return;
        var rows = ReadTrials();
        File.Copy(TrialsCsv, TrialsCsv + ".before-upgrade", overwrite: true);
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, WriterOptions, leaveOpen: true))
        {
            csv.WriteHeader<TrialRecord>();
            foreach (var row in rows) csv.WriteRecord(row);
        }
        AtomicFile.WriteAllText(TrialsCsv, text.ToString());
    }

    /// <summary>A kill during an append can leave a partial last line; cut it before appending more.</summary>
    void DropTornTail()
    {
        if (!File.Exists(TrialsCsv)) return;
        using var stream = new FileStream(TrialsCsv, FileMode.Open, FileAccess.ReadWrite);
        if (stream.Length == 0) return;
        stream.Seek(-1, SeekOrigin.End);
        if (stream.ReadByte() == '\n') return;
        var bytes = new byte[stream.Length];
        stream.Seek(0, SeekOrigin.Begin);
        stream.ReadExactly(bytes);
        stream.SetLength(Array.LastIndexOf(bytes, (byte)'\n') + 1);
    }
}
