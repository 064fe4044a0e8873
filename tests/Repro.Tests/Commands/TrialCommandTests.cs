using Bench.Harness.Configuration;
using Bench.Harness.Orchestration;
using Bench.Harness.Results;
using Bench.Harness.Training;
using Bench.Tests.Shared;

namespace Bench.Repro.Tests.Commands;

/// <summary>`repro trial --plan FILE --index I`: the child reads its whole configuration from the plan the run wrote.</summary>
public sealed class TrialCommandTests : TempFolderTests
{
    string WritePlan() =>
        new TrialPlan(
            new BenchOptions { Scale = "smoke", Threads = 1, WarmupSteps = 0, Data = TestData.Root, Download = false, Results = Folder },
            [new TrialSpec("modadd", "smoke", "baseline", 3), new TrialSpec("modadd", "smoke", "baseline", 0)])
            .Write(new ResultsStore(Folder));

    [Fact]
    public void The_child_runs_from_the_plan_alone_whatever_its_environment_says()
    {
        var plan = WritePlan();
        Environment.SetEnvironmentVariable("BENCH_THREADS", "2");
        Environment.SetEnvironmentVariable("BENCH_SCALE", "cpu");
        try
        {
            var (code, output) = ReproRunner.Run("trial", "--plan", plan, "--index", "1");

            Assert.True(code == 0, output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("BENCH_THREADS", null);
            Environment.SetEnvironmentVariable("BENCH_SCALE", null);
        }
        var manifest = new ResultsStore(Folder).ReadManifest(new TrialSpec("modadd", "smoke", "baseline", 0))!;
        Assert.Equal(TrialStatus.Reached, manifest.Record.Status);
        Assert.Equal("1", manifest.Configuration["Threads"]);
        Assert.Equal("0", manifest.Configuration["WarmupSteps"]);
        Assert.NotNull(manifest.LoadAtStart);
        Assert.NotNull(manifest.LoadAtEnd);
    }

    [Theory]
    [InlineData(new[] { "--index", "2" }, "--index 2 is outside the plan's 2 trials (0 to 1).")]
    [InlineData(new[] { "--index", "x" }, "--index must be an integer (got 'x').")]
    [InlineData(new string[0], "--plan needs --index I")]
    [InlineData(new[] { "--index", "0", "--threads", "4" }, "--threads cannot be combined with --plan")]
    public void Bad_plan_arguments_exit_2_with_one_message(string[] extra, string message)
    {
        var (code, output) = ReproRunner.Run(["trial", "--plan", WritePlan(), .. extra]);

        Assert.Equal(2, code);
        Assert.Contains("error: " + message, output);
    }
}
