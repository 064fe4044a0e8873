using Bench.Contracts;
using Bench.Repro.Execution;
using Bench.Submissions;
using Bench.Tests.Shared;
using Bench.Workloads;

namespace Bench.Repro.Tests.Execution;

public sealed class HyperparameterOverridesTests : TempFolderTests
{
    static IReadOnlyList<Harness.Training.TrialSpec> Plan(string submissions, params string[] hparams) => Catalog.Plan(
        [WorkloadRegistry.Get("tinyshakespeare")], Catalog.Submissions(submissions), "smoke", [0, 1], HyperparameterOverrides.Parse(hparams, null));

    [Fact]
    public void Every_trial_carries_its_submissions_resolved_defaults()
    {
        var plan = Plan("lawa");

        var baseline = plan.First(s => s.Submission == "baseline").Hyperparameters;
        var recipe = WorkloadRegistry.Get("tinyshakespeare").Baseline("smoke");
        Assert.Equal(recipe, baseline.As<BaselineRecipe>());
        Assert.Contains("learning_rate", baseline.Names);
        Assert.Contains("checkpoints", plan.First(s => s.Submission == "lawa").Hyperparameters.Names);
    }

    [Fact]
    public void An_override_applies_to_the_selected_submission_and_never_to_the_added_baseline()
    {
        var plan = Plan("high-lr-warmup", "rate_multiple=2");

        Assert.All(plan.Where(s => s.Submission == "high-lr-warmup"), s => Assert.Equal(2, s.Hyperparameters.Number("rate_multiple")));
        var defaults = Plan("high-lr-warmup");
        Assert.Equal(defaults.First(s => s.Submission == "baseline").Hyperparameters, plan.First(s => s.Submission == "baseline").Hyperparameters);
        Assert.NotEqual(defaults.First(s => s.Submission == "high-lr-warmup").Key, plan.First(s => s.Submission == "high-lr-warmup").Key);
    }

    [Fact]
    public void The_baseline_is_overridden_when_the_user_selects_it()
    {
        var plan = Plan("baseline", "learning_rate=0.01", "baseline.warmup_fraction=0");

        var recipe = plan.First().Hyperparameters.As<BaselineRecipe>();
        Assert.Equal((0.01, 0.0), (recipe.LearningRate, recipe.WarmupFraction));
    }

    [Theory]
    [InlineData("nope=1", "unknown hyperparameter 'nope': no selected submission declares it.")]
    [InlineData("lawa.checkpoints=3", "--hparam names submission 'lawa', which this command does not run.")]
    [InlineData("rate_multiple", "--hparam takes NAME=VALUE or SUBMISSION.NAME=VALUE (got 'rate_multiple').")]
    [InlineData("rate_multiple=-1", "bad hyperparameter value for high-lr-warmup on tinyshakespeare:")]
    public void Bad_overrides_fail_before_anything_runs(string hparam, string message)
    {
        var error = Assert.Throws<ConfigException>(() => Plan("high-lr-warmup", hparam));
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void A_json_file_gives_global_and_per_submission_values_and_the_command_line_wins()
    {
        var file = Path.Combine(Folder, "hp.json");
        File.WriteAllText(file, """{"rate_multiple": 4, "high-lr-warmup": {"warmup_fraction": 0.1}}""");

        var overrides = HyperparameterOverrides.Parse(["rate_multiple=5"], file);
        var values = overrides.For("high-lr-warmup", ["rate_multiple", "warmup_fraction"], selected: true);

        Assert.Equal("5", values["rate_multiple"]);
        Assert.Equal("0.1", values["warmup_fraction"]);
        File.WriteAllText(file, "[1, 2]");
        Assert.Throws<ConfigException>(() => HyperparameterOverrides.Parse([], file));
        Assert.Throws<ConfigException>(() => HyperparameterOverrides.Parse([], Path.Combine(Folder, "missing.json")));
    }

    [Fact]
    public void Every_registered_submission_declares_a_hyperparameter_record_that_resolves_on_its_workloads()
    {
        foreach (var submission in SubmissionRegistry.All)
            foreach (var workload in WorkloadRegistry.All.Where(w => submission.NotApplicableReason(w) is null))
                foreach (var scale in workload.ScaleNames)
                {
                    var defaults = submission.DefaultHyperparameters(workload, scale);
                    Assert.IsNotType<NoHyperparameters>(defaults);
                    var resolved = Hyperparameters.Resolve(defaults, new Dictionary<string, string>(), submission.Id);
                    Assert.False(resolved.IsEmpty, $"{submission.Id} on {workload.Id} declares no hyperparameters");
                    Assert.Equal(Hyperparameters.Of(defaults), resolved);
                }
    }
}
