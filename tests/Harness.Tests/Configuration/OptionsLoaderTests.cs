using Bench.Harness.Configuration;

namespace Bench.Harness.Tests.Configuration;

public class OptionsLoaderTests
{
    static readonly IReadOnlyDictionary<string, string?> NoEnvironment = new Dictionary<string, string?>();

    static BenchOptions Load(Dictionary<string, string?> commandLine, IReadOnlyDictionary<string, string?>? environment = null) =>
        OptionsLoader.Load(commandLine, "/base", environment ?? NoEnvironment);

    [Fact]
    public void Defaults_come_from_the_embedded_json()
    {
        var options = Load([]);
        Assert.Equal("cpu", options.Scale);
        Assert.Equal(3, options.Seeds);
        Assert.Equal("/base/artifacts/results", options.Results);
    }

    [Fact]
    public void Environment_overrides_defaults_and_command_line_overrides_environment()
    {
        var environment = new Dictionary<string, string?> { ["BENCH_SEEDS"] = "7", ["BENCH_DATA"] = "/data", ["BENCH_SCALE"] = "smoke" };
        var options = Load(new() { ["seeds"] = "2", ["first-seed"] = "4" }, environment);

        Assert.Equal(2, options.Seeds);
        Assert.Equal("/data", options.Data);
        Assert.Equal("smoke", options.Scale);
        Assert.Equal([4, 5], options.SeedList);
    }

    [Theory]
    [InlineData("scale", "huge", "unknown scale 'huge'. Valid scales: smoke, cpu, gpu.")]
    [InlineData("seeds", "0", "--seeds must be between 1 and 1000 (got 0).")]
    [InlineData("device", "tpu", "unknown device 'tpu'. Valid devices: cpu, cuda, cuda:N.")]
    [InlineData("threads", "-1", "--threads must be >= 0")]
    public void Bad_values_fail_with_a_message_naming_the_value_and_the_choices(string key, string value, string message)
    {
        var error = Assert.Throws<ConfigException>(() => Load(new() { [key] = value }));
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_the_key()
    {
        var error = Assert.Throws<ConfigException>(() => Load(new() { ["seeds"] = "three" }));
        Assert.Contains("Seeds", error.Message);
    }
}
