using System.Text.RegularExpressions;
using Bench.Contracts;
using Bench.Harness.Configuration;

namespace Bench.Harness.Tests.Configuration;

public class OptionsLoaderTests
{
    static readonly IReadOnlyDictionary<string, string?> NoEnvironment = new Dictionary<string, string?>();

    static BenchOptions Load(Dictionary<string, string?> commandLine, IReadOnlyDictionary<string, string?>? environment = null) =>
        OptionsLoader.Load(commandLine, "/base", environment ?? NoEnvironment);

    static BenchOptions LoadEnvironment(params (string Name, string Value)[] variables) =>
        Load([], variables.ToDictionary(v => v.Name, v => (string?)v.Value));

    [Fact]
    public void A_verbs_default_replaces_the_files_and_gives_way_to_the_environment_and_the_command_line()
    {
        var everyWorkload = new Dictionary<string, string> { ["workloads"] = "all" };
        BenchOptions With(Dictionary<string, string?> commandLine, params (string Name, string Value)[] variables) =>
            OptionsLoader.Load(commandLine, Path.GetTempPath(), variables.ToDictionary(v => v.Name, v => (string?)v.Value), everyWorkload);

        Assert.Equal("modadd", Load([]).Workloads);
        Assert.Equal("all", With([]).Workloads);
        Assert.Equal("kg-transe", With([], ("BENCH_WORKLOADS", "kg-transe")).Workloads);
        Assert.Equal("sst2", With(new() { ["workloads"] = "sst2" }, ("BENCH_WORKLOADS", "kg-transe")).Workloads);
    }

    [Fact]
    public void Defaults_come_from_the_embedded_json()
    {
        var options = Load([]);
        Assert.Equal("cpu", options.Scale);
        Assert.Null(options.Seeds);
        Assert.Equal("/base/artifacts/results", options.Results);
    }

    [Fact]
    public void Threads_are_unset_by_default_so_each_workload_chooses_and_a_given_count_wins()
    {
        var workload = new Bench.Tests.Shared.ScriptedWorkload([0.5], defaultThreads: 1);

        Assert.Null(Load([]).Threads);
        Assert.Equal(1, Load([]).ThreadsFor(workload));
        Assert.Equal(3, LoadEnvironment(("BENCH_THREADS", "3")).ThreadsFor(workload));
        Assert.Equal(0, Load(new() { ["threads"] = "0" }).ThreadsFor(workload));
    }

    [Fact]
    public void The_cpu_lock_is_off_by_default_and_a_relative_path_is_resolved()
    {
        Assert.Equal("", Load([]).CpuLock);
        Assert.Equal("/base/locks/cpu.lock", Load(new() { ["cpu-lock"] = "locks/cpu.lock" }).CpuLock);
        Assert.Equal("/tmp/bench-cpu.lock", LoadEnvironment(("BENCH_CPU_LOCK", "/tmp/bench-cpu.lock")).CpuLock);
    }

    [Fact]
    public void Environment_overrides_defaults_and_command_line_overrides_environment()
    {
        var environment = new Dictionary<string, string?> { ["BENCH_SEEDS"] = "7", ["BENCH_DATA"] = "/data", ["BENCH_SCALE"] = "smoke" };
        var options = Load(new() { ["seeds"] = "2", ["first-seed"] = "4" }, environment);

        Assert.Equal(2, options.Seeds);
        Assert.Equal("/data", options.Data);
        Assert.Equal("smoke", options.Scale);
        Assert.Equal([4, 5], options.SeedsFor(Scale(defaultSeeds: 9)));
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("cpu-deep")]
    [InlineData("smoke-wide2")]
    public void A_standard_scale_or_a_workloads_variant_of_one_is_accepted_for_the_workload_to_check(string scale) =>
        Assert.Equal(scale, Load(new() { ["scale"] = scale }).Scale);

    static Bench.Contracts.WorkloadScale Scale(int defaultSeeds) =>
        new("cpu", new Bench.Contracts.Target("accuracy", Bench.Contracts.MetricDirection.Higher, 0.5), new Bench.Contracts.Budget(10, 100), 10,
            "m") { DefaultSeeds = defaultSeeds };

    [Fact]
    public void Seeds_are_unset_by_default_so_each_workload_scale_chooses_and_a_given_count_wins()
    {
        Assert.Null(Load([]).Seeds);
        Assert.Equal([0, 1, 2, 3, 4, 5], Load([]).SeedsFor(Scale(defaultSeeds: 6)));
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10, 11, 12], Load(new() { ["first-seed"] = "3" }).SeedsFor(Scale(defaultSeeds: 10)));
        Assert.Equal([0, 1], LoadEnvironment(("BENCH_SEEDS", "2")).SeedsFor(Scale(defaultSeeds: 10)));
        Assert.Equal(Bench.Contracts.WorkloadScale.UnmeasuredDefaultSeeds,
            new Bench.Contracts.WorkloadScale("smoke", new("loss", Bench.Contracts.MetricDirection.Lower, 1), new(1, 1), 1, "m").DefaultSeeds);
    }

    [Theory]
    [InlineData("scale", "huge", "unknown scale 'huge'. Valid scales: smoke, cpu, gpu.")]
    [InlineData("scale", "cpu-", "unknown scale 'cpu-'. Valid scales: smoke, cpu, gpu.")]
    [InlineData("scale", "huge-deep", "unknown scale 'huge-deep'. Valid scales: smoke, cpu, gpu.")]
    [InlineData("scale", "cpu-Deep", "unknown scale 'cpu-Deep'. Valid scales: smoke, cpu, gpu.")]
    [InlineData("seeds", "0", "--seeds must be between 1 and 1000 (got 0).")]
    [InlineData("device", "tpu", "unknown device 'tpu'. Valid devices: cpu, cuda, cuda:N.")]
    [InlineData("threads", "-1", "--threads must be between 0 and 1024 (got -1; 0 keeps libtorch's default).")]
    public void Bad_values_fail_with_a_message_naming_the_value_and_the_choices(string key, string value, string message)
    {
        var error = Assert.Throws<ConfigException>(() => Load(new() { [key] = value }));
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_the_option()
    {
        var error = Assert.Throws<ConfigException>(() => Load(new() { ["seeds"] = "three" }));
        Assert.Equal("--seeds must be a whole number from 1 to 1000, not 'three'.", error.Message);
    }

    // Issue 13, defect 3: these crashed with a stack trace (overflow, TimeSpan) or passed silently.
    [Theory]
    [InlineData("trial-timeout-seconds", "1e300", "--trial-timeout-seconds must be between 0 and 604800 seconds")]
    [InlineData("trial-timeout-seconds", "NaN", "--trial-timeout-seconds must be a number of seconds from 0 to 604800")]
    [InlineData("trial-timeout-seconds", "Infinity", "--trial-timeout-seconds must be a number of seconds from 0 to 604800")]
    [InlineData("trial-timeout-seconds", "-1", "--trial-timeout-seconds must be between 0 and 604800 seconds")]
    [InlineData("trial-timeout-seconds", "", "--trial-timeout-seconds must be a number of seconds")]
    [InlineData("seeds", "abc", "--seeds must be a whole number from 1 to 1000, not 'abc'.")]
    [InlineData("seeds", "", "--seeds must be a whole number from 1 to 1000, not ''.")]
    [InlineData("seeds", "2147483648", "--seeds must be a whole number")]
    [InlineData("threads", "1e308", "--threads must be a whole number from 0 to 1024 (0 keeps libtorch's default), not '1e308'.")]
    [InlineData("threads", "100000", "--threads must be between 0 and 1024")]
    [InlineData("warmup-steps", "1.5", "--warmup-steps must be a whole number")]
    [InlineData("first-seed", "-1", "--first-seed must be between 0 and 2147483647 (got -1).")]
    [InlineData("download", "maybe", "--download must be true or false, not 'maybe'.")]
    [InlineData("full-budget", "", "--full-budget must be true or false")]
    [InlineData("workloads", " , ", "--workloads needs at least one id, or 'all'")]
    [InlineData("results", "", "--results needs a folder path")]
    [InlineData("published", " ", "--published needs a folder path")]
    [InlineData("device", "cuda:99999999999", "unknown device 'cuda:99999999999'")]
    public void Out_of_range_and_garbage_values_are_one_config_error(string key, string value, string message)
    {
        var error = Assert.Throws<ConfigException>(() => Load(new() { [key] = value }));
        Assert.StartsWith(message, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_first_seed_whose_last_seed_overflows_is_refused_naming_the_largest_valid_one()
    {
        var error = Assert.Throws<ConfigException>(() => Load(new() { ["first-seed"] = "2147483647", ["seeds"] = "2" }));
        Assert.Equal("--first-seed 2147483647 with --seeds 2 runs past the largest seed (2147483647); use a first seed of at most 2147483646.", error.Message);
        Assert.Equal([int.MaxValue - 1, int.MaxValue], Load(new() { ["first-seed"] = "2147483646", ["seeds"] = "2" }).SeedsFor(Scale(defaultSeeds: 5)));
    }

    [Fact]
    public void A_path_too_long_for_the_file_system_is_refused_before_any_work()
    {
        var error = Assert.Throws<ConfigException>(() => Load(new() { ["results"] = new string('r', 300) }));
        Assert.StartsWith("--results is too long for a path", error.Message);
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:0")]
    public void Cuda_on_a_cpu_build_names_the_cuda_build(string device)
    {
        var error = Assert.Throws<ConfigException>(() => Load(new() { ["device"] = device }));
        Assert.StartsWith($"--device {device}: this is a CPU build (TorchSharp-cpu)", error.Message);
        Assert.Contains("-p:BenchCuda=true", error.Message);
    }

    [Fact]
    public void A_bad_value_from_the_environment_names_the_variable()
    {
        var error = Assert.Throws<ConfigException>(() => LoadEnvironment(("BENCH_FIRST_SEED", "abc")));
        Assert.Equal("BENCH_FIRST_SEED must be a whole number from 0 to 2147483647, not 'abc'.", error.Message);
        Assert.Contains("(from BENCH_DEVICE)", Assert.Throws<ConfigException>(() => LoadEnvironment(("BENCH_DEVICE", "tpu"))).Message);
    }

    // Issue 13, defect 5: a misspelt variable used to be ignored silently.
    [Theory]
    [InlineData("BENCH_FIRST_SEEDS", "BENCH_FIRST_SEED")]
    [InlineData("BENCH_FIRSTSED", "BENCH_FIRST_SEED")] // nearest is the old spelling: the documented one is suggested
    [InlineData("BENCH_SEED", "BENCH_SEEDS")]
    [InlineData("BENCH_TRIAL_TIMEOUT", "BENCH_TRIAL_TIMEOUT_SECONDS")]
    [InlineData("BENCH_DOWNLOADS", "BENCH_DOWNLOAD")]
    [InlineData("BENCH_WORKLOAD", "BENCH_WORKLOADS")]
    [InlineData("BENCH_NOBUILD", "BENCH_NO_BUILD")]
    [InlineData("bench_dtaa", "BENCH_DATA")]
    public void An_unknown_BENCH_variable_is_an_error_naming_the_closest_valid_one(string name, string closest)
    {
        var error = Assert.Throws<ConfigException>(() => LoadEnvironment((name, "1")));
        Assert.Equal($"unknown environment variable {name}: did you mean {closest}? Rename or unset it ('repro --help' lists every BENCH_ variable).",
            error.Message);
    }

    [Fact]
    public void Both_spellings_of_a_variable_work_and_agreeing_duplicates_are_fine()
    {
        Assert.Equal(4, LoadEnvironment(("BENCH_FIRST_SEED", "4")).FirstSeed);
        Assert.Equal(5, LoadEnvironment(("BENCH_FIRSTSEED", "5")).FirstSeed);
        Assert.Equal(60.5, LoadEnvironment(("BENCH_TRIALTIMEOUTSECONDS", "60.5")).TrialTimeoutSeconds);
        Assert.Equal(61, LoadEnvironment(("BENCH_TRIAL_TIMEOUT_SECONDS", "61")).TrialTimeoutSeconds);
        Assert.True(LoadEnvironment(("BENCH_FULL_BUDGET", "true")).FullBudget);
        Assert.Equal(7, LoadEnvironment(("BENCH_WARMUP_STEPS", "7"), ("BENCH_WARMUPSTEPS", "7")).WarmupSteps);
        var error = Assert.Throws<ConfigException>(() => LoadEnvironment(("BENCH_WARMUP_STEPS", "7"), ("BENCH_WARMUPSTEPS", "8")));
        Assert.Equal("BENCH_WARMUPSTEPS=8 and BENCH_WARMUP_STEPS=7 both set --warmup-steps; unset one.", error.Message);
    }

    [Fact]
    public void Variables_read_by_other_parts_and_unrelated_variables_pass()
    {
        var options = LoadEnvironment(("BENCH_ROOT", "/repo"), ("BENCH_NO_BUILD", "1"), ("BENCH_GIT_COMMIT", "abc"), ("BENCHMARK", "x"), ("HOME", "/root"),
            ("BENCH_DATA", "/data"), ("BENCH_DOWNLOAD", "false"));
        Assert.Equal("/data", options.Data);
        Assert.False(options.Download);
    }

    [Fact]
    public void Every_configuration_key_has_a_default_and_a_property()
    {
        var defaults = Load([]).ToDictionary();
        Assert.Equal(OptionsLoader.Keys.Select(k => k.Property).Order(), defaults.Keys.Order());
        Assert.Equal("BENCH_FIRST_SEED", OptionsLoader.Keys.Single(k => k.Option == "first-seed").Variable);
        Assert.Equal("BENCH_FIRSTSEED", OptionsLoader.Keys.Single(k => k.Option == "first-seed").LegacyVariable);
    }

    /// <summary>
    /// CI, the launcher and the team set these; each must stay valid (an option or an allowed other variable).
    /// Test files are not scanned: they misspell names on purpose.
    /// </summary>
    [Fact]
    public void Every_BENCH_variable_the_repository_uses_is_valid()
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("tests run inside the checkout");
        var files = new[] { "build.cake", ".ci/run", "README.md" }.Select(f => Path.Combine(root, f))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md"))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "build"), "*.cake"))
            .Concat(new[] { "src", "tests/Shared" }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories)))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"));
        var valid = OptionsLoader.Keys.SelectMany(k => k.Variables).Concat(OptionsLoader.OtherVariables.Keys).ToHashSet();
        var used = files.SelectMany(f => Regex.Matches(File.ReadAllText(f), @"\bBENCH_[A-Z][A-Z0-9_]*").Select(m => (File: f, Name: m.Value))).ToList();

        Assert.Contains(used, u => u.Name == "BENCH_NO_BUILD");
        Assert.Empty(used.Where(u => !valid.Contains(u.Name)).Select(u => $"{u.Name} in {Path.GetRelativePath(root, u.File)}").Distinct());
    }

    [Fact]
    public void The_dataset_defaults_to_the_workloads_own_and_a_folder_is_made_absolute()
    {
        Assert.Equal("", Load([]).Dataset);
        Assert.Equal("umls", LoadEnvironment(("BENCH_DATASET", "umls")).Dataset);
        Assert.Equal("/base/graphs/mine", Load(new() { ["dataset"] = "./graphs/mine/" }).Dataset);
        Assert.Equal("/base/graphs/mine", Load(new() { ["dataset"] = "graphs/mine" }, new Dictionary<string, string?> { ["BENCH_DATASET"] = "umls" }).Dataset);
        Assert.Equal("/base/graphs/mine", Load(new() { ["dataset"] = "graphs/mine" }).ForTrial("w", "s", 0)["Dataset"]);
    }

    [Fact]
    public void The_target_is_unset_by_default_and_must_be_a_number()
    {
        Assert.True(double.IsNaN(Load([]).Target));
        Assert.Equal(0.25, LoadEnvironment(("BENCH_TARGET", "0.25")).Target);
        Assert.Equal("0.25", Load(new() { ["target"] = "0.25" }).ForTrial("w", "s", 0)["Target"]);
        Assert.Equal("--target must be a number (the metric value a trial on uncalibrated data must reach), not 'high'.",
            Assert.Throws<ConfigException>(() => Load(new() { ["target"] = "high" })).Message);
    }
}
