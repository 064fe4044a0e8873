using Bench.Harness.Results;
using Bench.Harness.Training;
using Bench.Repro.Publishing;
using Bench.Tests.Shared;

namespace Bench.Repro.Tests.Publishing;

public sealed class PublisherTests : TempFolderTests
{

    static TrialRecord Row(string submission, int seed, double seconds, double steps) => new()
    {
        Workload = "modadd", Scale = "cpu", Submission = submission, Paper = submission == "baseline" ? "baseline" : "paper-x", Seed = seed,
        Status = double.IsFinite(seconds) ? TrialStatus.Reached : TrialStatus.Missed, TimeToTargetSeconds = seconds, StepsToTarget = steps,
        MachineId = "m", Cpu = "cpu", Threads = 2,
    };

    [Fact]
    public void Publishing_copies_new_rows_once_and_writes_tables_with_speedups()
    {
        var local = new ResultsStore(Path.Combine(Folder, "local"));
        foreach (var row in new[] { Row("baseline", 0, 10, 100), Row("baseline", 1, 12, 120), Row("fast", 0, 5, 50), Row("fast", 1, 6, 60) })
            local.Append(row);
        var published = new ResultsStore(Path.Combine(Folder, "published"));

        Assert.Equal(4, Publisher.Publish(local, published, "baseline"));
        Assert.Equal(0, Publisher.Publish(local, published, "baseline"));

        Assert.Equal(4, published.ReadTrials().Count);
        var readme = File.ReadAllText(Path.Combine(published.Root, "README.md"));
        Assert.Contains("## modadd · cpu", readme);
        Assert.Contains("| fast | paper-x | 2/2 | 5.5 [5.3, 5.8] | 55 | 2.00x", readme); // 11 / 5.5
        Assert.Contains("summary.csv", string.Join(",", Directory.GetFiles(published.Root).Select(Path.GetFileName)));
    }
}
