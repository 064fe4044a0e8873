using Bench.Harness.Configuration;
using Bench.Harness.Contracts;
using Bench.Harness.Orchestration;
using Bench.Harness.Results;
using Bench.Harness.Training;

namespace Bench.Harness.Tests.Orchestration;

public sealed class RunExtensionTests
{
    static TrialRecord Row(string submission, int seed, string run = "run-a", string hparams = "") => new()
    {
        Workload = "w", Scale = "cpu", Submission = submission, Seed = seed, RunId = run, GitCommit = "abc1234", Hparams = hparams,
    };

    static readonly TrialRecord[] Rows =
        [Row("baseline", 0), Row("muon", 0), Row("baseline", 1), Row("muon", 1), Row("baseline", 0, run: "run-b")];

    static TrialSpec[] Seeds(int from, int count, params string[] submissions) =>
        [.. Enumerable.Range(from, count).SelectMany(seed => submissions.Select(s => new TrialSpec("w", "cpu", s, seed)))];

    [Fact]
    public void More_seeds_of_every_arm_join_the_run_and_the_console_names_its_seeds_and_commit()
    {
        var said = RunExtension.Check("run-a", Rows, Seeds(2, 2, "baseline", "muon"));
        Assert.Equal("extending run-a (2 arms, seeds 0,1 so far; measured at abc1234)", said);
    }

    [Fact]
    public void An_unknown_run_an_arm_it_lacks_and_an_arm_left_out_are_refused_by_name()
    {
        var unknown = Assert.Throws<ConfigException>(() => RunExtension.Check("run-z", Rows, Seeds(2, 1, "baseline", "muon")));
        Assert.Contains("no row of the results folder belongs to that run", unknown.Message);

        var foreign = Assert.Throws<ConfigException>(() => RunExtension.Check("run-a", Rows, Seeds(2, 1, "baseline", "muon", "lawa")));
        Assert.Contains("the run has no w/cpu/lawa", foreign.Message);

        var leftOut = Assert.Throws<ConfigException>(() => RunExtension.Check("run-a", Rows, Seeds(2, 1, "muon")));
        Assert.Contains("leaves out the run's w/cpu/baseline", leftOut.Message);
    }

    [Fact]
    public void Other_hyperparameters_are_another_arm_and_cannot_join()
    {
        var tuned = new TrialSpec("w", "cpu", "muon", 2) { Hyperparameters = Hyperparameters.Parse("{\"lr\":0.1}") };
        var error = Assert.Throws<ConfigException>(() => RunExtension.Check("run-a", Rows, [new TrialSpec("w", "cpu", "baseline", 2), tuned]));
        Assert.Contains("w/cpu/muon/hp-", error.Message);
    }
}
