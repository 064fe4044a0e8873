using Bench.Micro.Reports;
using Bench.Tests.Shared;

namespace Bench.Micro.Tests.Reports;

public class MicroReportsTests : TempFolderTests
{
    // The shape of BenchmarkDotNet's full JSON report, cut down to what is read. The third entry failed (no statistics).
    const string Report = """
        {
          "Title": "Bench.Micro.X.KernelBenchmarks-20261129-101500",
          "Benchmarks": [
            { "Method": "Slow", "Parameters": "Size=1", "Statistics": { "Mean": 400.0 } },
            { "Method": "Fast", "Parameters": "Size=1", "Statistics": { "Mean": 100.0 } },
            { "Method": "Slow", "Parameters": "Size=2", "Statistics": null },
            { "Method": "Fast", "Parameters": "Size=2", "Statistics": { "Mean": 300.0 } },
            { "Method": "Slow", "Parameters": "Size=3", "Statistics": { "Mean": 1000.0 } },
            { "Method": "Fast", "Parameters": "Size=3", "Statistics": { "Mean": 500.0 } }
          ]
        }
        """;

    [Fact]
    public void PairsEachCandidateWithTheBaselineOfItsParameters()
    {
        var rows = MicroReports.Parse(Report, "Bench.Micro.X.KernelBenchmarks", "Slow", ["paper-a"]).ToList();

        Assert.Equal(["Size=1", "Size=3"], rows.Select(r => r.Parameters));
        Assert.All(rows, r => Assert.Equal(("Slow", "Fast"), (r.Baseline, r.Candidate)));
        Assert.Equal(0.25, rows[0].Ratio, 12);
        Assert.Equal(4.0, rows[0].Speedup, 12);
        Assert.Equal(2.0, rows[1].Speedup, 12);
        Assert.Equal(new DateTime(2026, 11, 29, 10, 15, 0, DateTimeKind.Utc), rows[0].ReportDate);
        Assert.Equal("KernelBenchmarks", rows[0].ShortName);
    }

    [Fact]
    public void LoadsMappedClassesAndFindsThemByPaper()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "results"));
        File.WriteAllText(Path.Combine(Folder, "results", "Bench.Micro.X.KernelBenchmarks-report-full.json"), Report);
        File.WriteAllLines(Path.Combine(Folder, MicroReports.PapersFile),
            ["benchmark,baseline,papers", "Bench.Micro.X.KernelBenchmarks,Slow,paper-a;paper-b", "Bench.Micro.X.NotRunYet,Base,paper-c"]);

        var reports = MicroReports.Load(Folder);

        Assert.Equal(2, reports.ForPaper("paper-b").Count);
        Assert.Equal(2, reports.ForPaper("PAPER-A").Count);
        Assert.Empty(reports.ForPaper("paper-c"));
        Assert.Empty(MicroReports.Load(Path.Combine(Folder, "missing")).All);
    }

    [Fact]
    public void DriftFlagsOnlyRatiosBeyondTheThreshold()
    {
        var rows = MicroReports.Parse(Report, "Bench.Micro.X.KernelBenchmarks", "Slow", []).ToList(); // ratios 0.25 and 0.5
        var reference = MicroDrift.Read(MicroDrift.Format(rows).Split('\n'));
        Assert.Empty(MicroDrift.Moved(rows, reference));

        var changed = MicroDrift.Read([
            "benchmark,method,parameters,ratio",
            "Bench.Micro.X.KernelBenchmarks,Fast,Size=1,0.22", // 0.25 is +14%: within 25%
            "Bench.Micro.X.KernelBenchmarks,Fast,Size=3,0.36", // 0.5 is +39%: flagged
        ]);
        var moved = Assert.Single(MicroDrift.Moved(rows, changed));
        Assert.Equal(("Size=3", 0.36, 0.5), (moved.Parameters, moved.Reference, moved.Current));
        Assert.Contains("+39%", moved.ToString());
        Assert.Single(MicroDrift.Moved(rows, changed, threshold: 0.10), c => c.Parameters == "Size=1");
    }

    [Fact]
    public void RowsWithoutAReferenceAreNotFlagged()
    {
        var rows = MicroReports.Parse(Report, "Bench.Micro.X.KernelBenchmarks", "Slow", []);
        Assert.Empty(MicroDrift.Moved(rows, new Dictionary<string, double>()));
    }
}
