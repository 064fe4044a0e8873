using Bench.Contracts;
using Bench.Harness.Gate;

namespace Bench.Harness.Tests.Gate;

public class GateReferenceTests
{
    static GateEntry Entry(double steps = 100, double metric = 0.99, string status = "Reached", int seed = 0) =>
        new() { Workload = "w", Scale = "smoke", Submission = "s", Seed = seed, Status = status, StepsToTarget = steps, FinalMetric = metric };

    [Fact]
    public void Identical_runs_pass() => Assert.Empty(GateReference.Compare([Entry()], [Entry()]));

    [Fact]
    public void A_changed_step_count_status_or_metric_fails_with_each_difference_named()
    {
        var differences = GateReference.Compare([Entry()], [Entry(steps: 125, metric: 0.98, status: "Missed")]);
        Assert.Equal(["status", "steps-to-target", "final metric"], differences.Select(d => d.Field));
        Assert.Equal("100", differences[1].Reference);
        Assert.Equal("125", differences[1].Measured);
    }

    [Fact]
    public void Missing_and_extra_trials_are_differences()
    {
        var differences = GateReference.Compare([Entry(seed: 0)], [Entry(seed: 1)]);
        Assert.Equal(2, differences.Count);
    }

    [Fact]
    public void The_reference_round_trips_through_its_file()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("bench-gate-").FullName, "ref.csv");
        GateReference.Write(path, [Entry(seed: 1), Entry(steps: double.PositiveInfinity, status: "Missed", seed: 0)]);
        var read = GateReference.Read(path);
        Assert.Equal([Entry(steps: double.PositiveInfinity, status: "Missed", seed: 0), Entry(seed: 1)], read);
    }

    [Theory]
    [InlineData("Workload,Scale,Submission,Seed,Status,StepsToTarget,FinalMetric\nw,smoke,s,0,Reached,abc,0.5\n", 2, "StepsToTarget")]
    [InlineData("Workload,Scale,Submission,Seed,Status,StepsToTarget,FinalMetric\nw,smoke,s,0,Reachd,10,0.5\n", 2, "'Reachd' is not a trial status")]
    [InlineData("Workload,Scale,Submission,Seed,Status,StepsToTarget,FinalMetric\nw,smoke,s,0,Reached\n", 2, "5 fields where a row has 7")]
    [InlineData("garbage\nw,smoke,s,0,Reached,10,0.5\n", 1, "the header is not")]
    [InlineData("Workload,Scale,Submission,Seed,Status,StepsToTarget,FinalMetric\nw,smoke,s,0,Reached,10,0.5\nw,smoke,s,0,Missed,Infinity,0.5\n", 3,
        "appears twice")]
    public void A_bad_reference_is_one_error_naming_the_file_and_line(string text, int line, string problem)
    {
        var path = Path.Combine(Path.GetTempPath(), $"gate-reference-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        try
        {
            var error = Assert.Throws<Bench.Contracts.ConfigException>(() => GateReference.Read(path));
            Assert.StartsWith($"gate reference {path} line {line}: ", error.Message);
            Assert.Contains(problem, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
