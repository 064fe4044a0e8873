using Bench.Harness.Results;
using Bench.Harness.Training;
using Bench.Tests.Shared;

namespace Bench.Harness.Tests.Results;

public sealed class ResultsStoreTests : TempFolderTests
{

    static TrialRecord Row(int seed, TrialStatus status = TrialStatus.Reached) => new()
    {
        Workload = "w, with comma", Scale = "smoke", Submission = "s", Paper = "p", Seed = seed, Status = status,
        Metric = "accuracy", Target = 0.9, TimeToTargetSeconds = status == TrialStatus.Reached ? 1.25 : double.PositiveInfinity,
        StepsToTarget = status == TrialStatus.Reached ? 10 : double.PositiveInfinity, FinalMetric = double.NaN, BestMetric = 0.5,
        Steps = 10, Examples = 40, TrainSeconds = 1.5, PeakMemoryMb = 12.5, MachineId = "abcd", Cpu = "cpu \"quoted\"", Threads = 2,
        StartedUtc = new DateTime(2026, 11, 29, 6, 0, 0, DateTimeKind.Utc), Error = "line1; x",
    };

    [Fact]
    public void Rows_round_trip_through_the_csv_schema_including_infinity_and_nan()
    {
        var store = new ResultsStore(Folder);
        store.Append(Row(0));
        store.Append(Row(1, TrialStatus.Missed));

        var read = store.ReadTrials();

        Assert.Equal([Row(0), Row(1, TrialStatus.Missed)], read);
        Assert.StartsWith("Workload,Scale,Submission,Paper,Seed,Status,", File.ReadAllLines(store.TrialsCsv)[0]);
    }

    [Fact]
    public void A_torn_last_line_is_ignored_and_repaired_on_the_next_append()
    {
        var store = new ResultsStore(Folder);
        store.Append(Row(0));
        File.AppendAllText(store.TrialsCsv, "w,smoke,s,p,1,Reach"); // a kill in the middle of an append

        Assert.Single(store.ReadTrials());
        store.Append(Row(2));
        Assert.Equal([0, 2], store.ReadTrials().Select(r => r.Seed));
    }

    [Fact]
    public void Manifests_and_curves_are_written_and_read_back()
    {
        var store = new ResultsStore(Folder);
        var record = Row(3);
        var curve = new List<CurvePoint> { new(5, 20, 0.5, 1.5, new Dictionary<string, double> { ["accuracy"] = 0.25, ["loss"] = 2 }) };
        var environment = new Bench.Harness.Provenance.EnvironmentFingerprint("cpu", 2, 2, "cpu", "none", "linux", ".NET", "0.107.0", "2.10.0", "abc");
        store.SaveTrial(new TrialManifest(record, new Dictionary<string, string?> { ["Seeds"] = "3" }, environment), curve);

        Assert.Equal(record, store.ReadManifest(record.Spec)!.Record);
        var point = Assert.Single(store.ReadCurve(record.Spec));
        Assert.Equal(0.25, point.Metrics["accuracy"]);
        Assert.Equal(20, point.Examples);
        Assert.Empty(Directory.GetFiles(Folder, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void The_dataset_column_round_trips_and_rows_written_before_it_read_as_the_default()
    {
        var store = new ResultsStore(Folder);
        store.Append(Row(0) with { Dataset = "/data/my, graph" });
        Assert.Equal("/data/my, graph", Assert.Single(store.ReadTrials()).Dataset);

        // A file from before the column: the header and every row lack it (and the placement and data-assembly columns added after it).
        const string added = ",Dataset,Node,JobId,ArrayIndex,DataSeconds,ExamplesSkipped";
        var lines = File.ReadAllLines(store.TrialsCsv);
        Assert.EndsWith(added, lines[0]);
        var old = new ResultsStore(Path.Combine(Folder, "old"));
        old.Append(Row(1));
        var oldLines = File.ReadAllLines(old.TrialsCsv);
        File.WriteAllLines(old.TrialsCsv, [oldLines[0][..^added.Length], string.Join(",", oldLines[1].Split(',')[..^6])]);
        var read = Assert.Single(old.ReadTrials());
        Assert.Equal("", read.Dataset);
        Assert.True(double.IsNaN(read.DataSeconds));
        Assert.Equal(0, read.ExamplesSkipped);
    }
}
