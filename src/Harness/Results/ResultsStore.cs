using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bench.Contracts;
using Bench.Harness.Training;
using CsvHelper;

namespace Bench.Harness.Results;

/// <summary>
/// One results folder. Layout:
/// <c>trials.csv</c> (one row per finished trial, append-only),
/// <c>trials/&lt;workload&gt;/&lt;scale&gt;/&lt;submission&gt;/seed-N.json</c> (manifest) and
/// <c>curves/…/seed-N.csv</c> (evaluation curve). Files are written atomically and rows are
/// appended with a single flushed write, so killing a run at any moment loses nothing written. A retried trial
/// appends a new row that supersedes the old one (see <see cref="ReadTrials"/>). <c>locks/</c> holds the run's and
/// each running trial's lock, <c>plans/</c> the trial plans children read.
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

    /// <summary>
    /// The current row of every trial: the newest per (trial, machine), since a retried trial's later row supersedes
    /// its earlier one (rows only grow). Statistics, publishing, the gate and resuming all read this.
    /// </summary>
    public IReadOnlyList<TrialRecord> ReadTrials() => TrialTable.Current(ReadAllTrials());

    /// <summary>
    /// Every complete row in file order, superseded ones included; a line torn by a kill mid-write is ignored. A damaged
    /// table (a row or header that does not read) stops with a <see cref="ConfigException"/> naming the file and line;
    /// the file is left untouched and a byte-identical copy kept beside it (see <see cref="Repair"/>).
    /// </summary>
    public IReadOnlyList<TrialRecord> ReadAllTrials()
    {
        if (!File.Exists(TrialsCsv)) return [];
        var (complete, _) = SplitTornTail(File.ReadAllText(TrialsCsv));
        var entries = TrialTable.Scan(complete);
        if (entries.FirstOrDefault(e => e.Problem is not null) is { } bad)
        {
            string kept;
            try
            {
                kept = "a copy was kept at " + KeepDamagedCopy();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                kept = "no copy could be kept (" + e.Message.TrimEnd('.') + ")";
            }
            throw new ConfigException($"{TrialsCsv} line {bad.Line}: {bad.Problem}. The file was left as it is and {kept}; " +
                $"run 'repro repair --results {Root}' to keep its good rows (bad lines go to a side file), or choose a new --results folder.");
        }
        return [.. entries.Where(e => e.Record is not null).Select(e => e.Record!)];
    }

    /// <summary>
    /// Keeps the rows of a damaged <c>trials.csv</c>: the file is first kept aside byte for byte
    /// (<c>trials.csv.damaged-&lt;time&gt;</c>), the good rows are written to a fresh <c>trials.csv</c> under this
    /// build's header, and the bad lines (a damaged header and a torn last line included) to
    /// <c>trials.csv.rejected-&lt;time&gt;</c>. A file without problems is not touched.
    /// </summary>
    public TrialsRepair Repair()
    {
        if (!File.Exists(TrialsCsv)) throw new ConfigException($"there is no {TrialsCsv} to repair. Name the folder with --results DIR.");
        var (complete, torn) = SplitTornTail(File.ReadAllText(TrialsCsv));
        var entries = TrialTable.Scan(complete);
        var rows = entries.Where(e => e.Record is not null).Select(e => e.Record!).ToList();
        var bad = entries.Where(e => e.Problem is not null).Select(e => (e.Line, e.LineCount, Problem: e.Problem!)).ToList();
        if (torn.Length > 0) bad.Add((complete.Count(c => c == '\n') + 1, 1, "an incomplete last line (a run killed while appending)"));
        if (bad.Count == 0) return new TrialsRepair(TrialsCsv, rows.Count, [], null, null);

        var copy = KeepDamagedCopy();
        var lines = (complete + torn).Split('\n');
        var rejected = $"{TrialsCsv}.rejected-{Stamp()}";
        var badLines = bad.SelectMany(b => lines.Skip(b.Line - 1).Take(b.LineCount)).ToList();
        AtomicFile.WriteAllText(rejected, badLines.Count == 0 ? "" : string.Join("\n", badLines) + "\n");
        AtomicFile.WriteAllText(TrialsCsv, TrialTable.Format(rows));
        return new TrialsRepair(TrialsCsv, rows.Count, [.. bad.Select(b => $"line {b.Line}: {b.Problem}")], copy, rejected);
    }

    /// <summary>The text up to its last line break, and what follows it: a line torn by a kill during an append.</summary>
    static (string Complete, string Torn) SplitTornTail(string text)
    {
        var end = text.LastIndexOf('\n') + 1;
        return (text[..end], text[end..]);
    }

    /// <summary>Copies <c>trials.csv</c> aside unchanged, once per distinct content; returns the copy's path.</summary>
    string KeepDamagedCopy()
    {
        var bytes = File.ReadAllBytes(TrialsCsv);
        foreach (var existing in Directory.EnumerateFiles(Root, "trials.csv.damaged-*"))
            if (File.ReadAllBytes(existing).AsSpan().SequenceEqual(bytes)) return existing;
        var copy = $"{TrialsCsv}.damaged-{Stamp()}";
        var temp = $"{copy}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, copy, overwrite: false);
        return copy;
    }

    static string Stamp() => DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);

    /// <summary>
    /// Checks that the folder can be written and takes its run lock, held until disposed: a second run on the same
    /// folder stops at once with a message naming the folder and the owner's process id. A lock left by a run that
    /// died is released by the OS and taken over.
    /// </summary>
    public IDisposable LockForRun()
    {
        EnsureWritable();
        return ExclusiveLock.TryAcquire(Path.Combine(Root, "locks", "run.lock"), out var owner)
            ?? throw new ConfigException($"results folder {Root} is in use by another run ({(owner is { } pid ? $"process {pid}" : "a live process")}); " +
                "wait for it to finish, or choose another folder with --results DIR.");
    }

    /// <summary>
    /// The lock a trial's process holds while it trains and writes the manifest, so the same trial never runs twice
    /// at once (an orphaned process, a second job on a cluster).
    /// </summary>
    public IDisposable LockTrial(TrialSpec spec) =>
        ExclusiveLock.TryAcquire(Path.Combine(Root, "locks", "trials", spec.Key + ".lock"), out var owner)
            ?? throw new ConfigException($"trial {spec} is already running in {(owner is { } pid ? $"process {pid}" : "another process")} " +
                $"(it holds {Path.Combine(Root, "locks", "trials", spec.Key + ".lock")}); wait for it to finish or stop it, then rerun.");

    /// <summary>Fails with a <see cref="ConfigException"/> before any work when the folder cannot be created or written.</summary>
    public void EnsureWritable()
    {
        try
        {
            Directory.CreateDirectory(Root);
            var probe = Path.Combine(Root, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"results folder {Root} cannot be written ({e.Message.TrimEnd('.')}). Choose a writable folder with --results DIR.");
        }
    }

    /// <summary>
    /// Renames the manifest, curve and log of <paramref name="spec"/> before a new attempt writes its own, so the files of
    /// the attempt whose row stays in the table are kept: to <c>…superseded-&lt;time&gt;…</c> when the same run retries
    /// the trial, or to <c>…&lt;run id&gt;-&lt;time&gt;…</c> when they are another run's current files
    /// (<paramref name="otherRun"/>), which nothing supersedes.
    /// </summary>
    public void SetAside(TrialSpec spec, string otherRun = "")
    {
        var label = (otherRun.Length > 0 ? otherRun : "superseded") + "-" + Stamp();
        foreach (var path in new[] { ManifestPath(spec), CurvePath(spec), LogPath(spec) })
            if (File.Exists(path))
                File.Move(path, Path.ChangeExtension(path, $".{label}{Path.GetExtension(path)}"));
    }

    /// <summary>
    /// The run of the row in <paramref name="rows"/> whose attempt wrote <paramref name="spec"/>'s manifest here, when
    /// that is not <paramref name="runId"/>; empty when it is the same run, no row matches, or there is no manifest.
    /// </summary>
    public string OtherRunOfFiles(TrialSpec spec, IEnumerable<TrialRecord> rows, string runId)
    {
        if (ReadManifest(spec)?.Record is not { } saved) return "";
        var owner = rows.FirstOrDefault(r => r.Spec == spec && r.StartedUtc == saved.StartedUtc)?.RunId ?? "";
        return owner != runId ? owner : "";
    }

    /// <summary>Appends one row, writing the header first when the table is new.</summary>
    public void Append(TrialRecord record)
    {
        Directory.CreateDirectory(Root);
        DropTornTail();
        UpgradeHeader();
        var isNew = !File.Exists(TrialsCsv) || new FileInfo(TrialsCsv).Length == 0;
        var bytes = Encoding.UTF8.GetBytes(TrialTable.Format([record], header: isNew));
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
        if (header == string.Join(",", TrialTable.Columns)) return;
        // Every row, superseded attempts included: rows only grow.
        var rows = ReadAllTrials();
        File.Copy(TrialsCsv, TrialsCsv + ".before-upgrade", overwrite: true);
        AtomicFile.WriteAllText(TrialsCsv, TrialTable.Format(rows));
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
