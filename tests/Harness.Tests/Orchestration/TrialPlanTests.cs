using Bench.Contracts;
using Bench.Harness.Configuration;
using Bench.Harness.Orchestration;
using Bench.Harness.Results;
using Bench.Harness.Training;
using Bench.Tests.Shared;

namespace Bench.Harness.Tests.Orchestration;

public sealed class TrialPlanTests : TempFolderTests
{
    static readonly BenchOptions Options = new()
    {
        Scale = "smoke", Seeds = 2, FirstSeed = 5, Workloads = "a,b", Submissions = "x", Device = "cuda:1", Threads = 1, WarmupSteps = 0,
        TrialTimeoutSeconds = 12.5, Data = "/data", FullBudget = true, Download = false, Results = "/r", Published = "/p",
        Dataset = "/data/mine", Target = 0.5,
        Executor = "slurm", SlurmPartition = "gpu", SlurmAccount = "lab", SlurmMaxParallel = 4, GpusPerTask = 1, SbatchArgs = "--qos=short",
            SlurmTool = "/shared/repro.dll", CpuLock = "/tmp/cpu.lock", ExtendRun = "run-0123abcd",
    };

    [Fact]
    public void A_plan_round_trips_every_option_and_trial()
    {
        TrialSpec[] trials =
        [
            new("a", "smoke", "x", 5),
            new("b", "smoke", "x", 6) { Hyperparameters = Bench.Contracts.Hyperparameters.Parse("""{"learning_rate":0.01}"""), Dataset = "/data/mine",
                Target = 0.5 },
        ];
        var store = new ResultsStore(Folder);

        var path = new TrialPlan(Options, trials).Write(store);
        var read = TrialPlan.Read(path);

        Assert.Equal(Options, read.Options);
        Assert.Equal(trials, read.Trials);
        Assert.Equal(trials[1], read.At(1));
        Assert.Equal(1, read.IndexOf(trials[1]));
        Assert.StartsWith(Path.Combine(store.Root, "plans", "plan-"), path);
        Assert.Equal(path, new TrialPlan(Options, trials).Write(store)); // the same plan is the same file
    }

    [Fact]
    public void Every_option_has_a_value_that_differs_from_its_default_in_the_round_trip_test()
    {
        // Guards the test above: a new option left at its default would not show whether it survives the plan.
        var defaults = new BenchOptions();
        foreach (var property in typeof(BenchOptions).GetProperties().Where(p => p.CanWrite))
            Assert.False(Equals(property.GetValue(defaults), property.GetValue(Options)), $"set {property.Name} in TrialPlanTests.Options");
    }

    [Fact]
    public void A_bad_index_or_file_is_a_config_error()
    {
        var path = new TrialPlan(Options, [new TrialSpec("a", "smoke", "x", 5)]).Write(new ResultsStore(Folder));

        Assert.Contains("--index 1 is outside the plan's 1 trials", Assert.Throws<ConfigException>(() => TrialPlan.Read(path).At(1)).Message);
        File.WriteAllText(path, "{ not json");
        Assert.Contains("is not a valid plan", Assert.Throws<ConfigException>(() => TrialPlan.Read(path)).Message);
        Assert.Contains("does not exist", Assert.Throws<ConfigException>(() => TrialPlan.Read(path + ".missing")).Message);
    }
}
