using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Bench.Contracts;
using Bench.Harness.Training;
using Bench.Tests.Shared;

namespace Bench.Harness.Tests.Contracts;

public class HyperparametersTests
{
    public sealed record Sample([property: Range(1, 100)] int Checkpoints = 5, double PeakRate = 0.003, bool Flag = true);

    static readonly IReadOnlyDictionary<string, string> NoOverrides = new Dictionary<string, string>();

    static Hyperparameters Resolve(params (string Name, string Value)[] overrides) =>
        Hyperparameters.Resolve(new Sample(), overrides.ToDictionary(o => o.Name, o => o.Value), "sample on w");

    [Fact]
    public void A_record_becomes_sorted_snake_case_json_with_a_stable_short_hash()
    {
        var values = Hyperparameters.Of(new Sample());

        Assert.Equal("""{"checkpoints":5,"flag":true,"peak_rate":0.003}""", values.Json);
        Assert.Equal(["checkpoints", "flag", "peak_rate"], values.Names);
        Assert.Matches("^[0-9a-f]{8}$", values.Hash);
        Assert.Equal(values.Hash, Hyperparameters.Parse(values.Json).Hash);
        Assert.Equal(values, Hyperparameters.Parse("""{"peak_rate":0.003,"flag":true,"checkpoints":5}"""));
    }

    [Fact]
    public void Overrides_are_typed_by_the_declared_record_and_read_back_as_it()
    {
        var values = Resolve(("checkpoints", "10"), ("peak_rate", "1e-2"), ("flag", "false"));

        Assert.Equal(new Sample(10, 0.01, false), values.As<Sample>());
        Assert.NotEqual(Hyperparameters.Of(new Sample()).Hash, values.Hash);
        Assert.Equal(0.01, values.Number("peak_rate"));
    }

    [Theory]
    [InlineData("nope", "1", "unknown hyperparameter 'nope' for sample on w. Valid: checkpoints (default 5), flag (default true), peak_rate (default 0.003).")]
    [InlineData("peak_rate", "abc", "hyperparameter 'peak_rate' of sample on w must be a finite number (got 'abc').")]
    [InlineData("peak_rate", "NaN", "hyperparameter 'peak_rate' of sample on w must be a finite number (got 'NaN').")]
    [InlineData("flag", "yes", "hyperparameter 'flag' of sample on w is true or false (got 'yes').")]
    public void Bad_names_and_values_are_one_clear_config_error(string name, string value, string message)
    {
        var error = Assert.Throws<ConfigException>(() => Resolve((name, value)));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_fraction_for_an_integer_and_a_value_out_of_range_are_rejected()
    {
        Assert.StartsWith("bad hyperparameter value for sample on w:", Assert.Throws<ConfigException>(() => Resolve(("checkpoints", "2.5"))).Message);
        var range = Assert.Throws<ConfigException>(() => Resolve(("checkpoints", "0"))).Message;
        Assert.Contains("Checkpoints", range);
        Assert.Contains("between 1 and 100", range);
    }

    [Fact]
    public void The_baseline_recipe_is_a_hyperparameter_record_with_its_field_names()
    {
        var recipe = new BaselineRecipe(BatchSize: 64, LearningRate: 2e-3, WeightDecay: 0.1, WarmupFraction: 0.05);

        var values = Hyperparameters.Resolve(recipe, new Dictionary<string, string> { ["learning_rate"] = "0.004" }, "baseline on w");

        Assert.Equal("""{"batch_size":64,"beta1":0.9,"beta2":0.999,"learning_rate":0.004,"warmup_fraction":0.05,"weight_decay":0.1}""", values.Json);
        Assert.Equal(recipe with { LearningRate = 0.004 }, values.As<BaselineRecipe>());
        Assert.Throws<ConfigException>(() => Hyperparameters.Resolve(recipe, new Dictionary<string, string> { ["warmup_fraction"] = "1.5" }, "baseline on w"));
    }

    [Fact]
    public void Trials_with_different_hyperparameters_are_different_trials_with_their_own_files()
    {
        var plain = new TrialSpec("w", "cpu", "s", 0);
        var a = plain with { Hyperparameters = Resolve(("checkpoints", "3")) };
        var b = plain with { Hyperparameters = Resolve(("checkpoints", "4")) };

        Assert.NotEqual(a, b);
        Assert.Equal(a, plain with { Hyperparameters = Resolve(("checkpoints", "3")) });
        Assert.Equal("w/cpu/s/seed-0", plain.Key);
        Assert.Equal($"w/cpu/s/hp-{a.Hyperparameters.Hash}/seed-0", a.Key);
        Assert.NotEqual(a.Key, b.Key);
    }

    [Fact]
    public void A_spec_survives_json_with_its_hyperparameters()
    {
        var spec = new TrialSpec("w", "cpu", "s", 2) { Hyperparameters = Resolve(("peak_rate", "0.5")) };

        var back = JsonSerializer.Deserialize<TrialSpec>(JsonSerializer.Serialize(spec));

        Assert.Equal(spec, back);
        var onData = spec with { Dataset = "/data/mine", Target = 0.4 };
        Assert.Equal(onData, JsonSerializer.Deserialize<TrialSpec>(JsonSerializer.Serialize(onData)));
        Assert.True(Hyperparameters.Parse(null).IsEmpty);
    }

    [Fact]
    public void A_setup_without_resolved_values_uses_the_submissions_defaults()
    {
        var setup = new TrainingSetup("w", null!, null!, null!, null!, NoDataRun.Access);
        Assert.Equal(new Sample(), setup.HyperparametersOr(() => new Sample()));
        var resolved = setup with { Hyperparameters = Resolve(("checkpoints", "7")) };
        Assert.Equal(7, resolved.HyperparametersOr(() => new Sample()).Checkpoints);
    }
}
