using Bench.Harness.Configuration;
using Bench.Repro.Cli;
using Bench.Tests.Shared;
using Spectre.Console;

namespace Bench.Repro.Tests.Cli;

/// <summary>
/// Issue 13: every bad input is exactly one 'error:' line and exit 2, found before any work (no results
/// folder is created); stray positionals and misspelt BENCH_ variables are no longer ignored.
/// Each vector carries --dry-run, so should a check ever be missing the test still trains nothing.
/// </summary>
public sealed class StrictInputTests : TempFolderTests
{
    string Results => Path.Combine(Folder, "results");

    void AssertOneErrorLine(string[] args, string expected)
    {
        var (code, output) = ReproRunner.Run([.. args, "--results", Results]);
        Assert.Equal(2, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, output);
        Assert.StartsWith("error: " + expected, lines[0]);
        Assert.False(Directory.Exists(Results), "the results folder was created before the input was checked");
    }

    // Defect 4: `repro speedrun fashion-mnist --scale smoke` ran the default plan and exited 0.
    [Theory]
    [InlineData(new[] { "speedrun", "fashion-mnist", "--scale", "smoke", "--dry-run" }, "unexpected argument 'fashion-mnist' for 'repro speedrun': it takes " +
        "no positional arguments")]
    [InlineData(new[] { "speedrun", "1e308", "--scale", "smoke", "--dry-run" }, "unexpected argument '1e308' for 'repro speedrun'")]
    [InlineData(new[] { "speedrun", "--scale", "smoke", "--dry-run", "--", "--seeds" }, "unexpected argument '--seeds' for 'repro speedrun'")]
    [InlineData(new[] { "run", "baseline", "extra", "--dry-run" }, "unexpected argument 'extra' for 'repro run': it takes <paper-or-submission>")]
    [InlineData(new[] { "gate", "modadd", "--dry-run" }, "unexpected argument 'modadd' for 'repro gate'")]
    [InlineData(new[] { "trial", "--workload", "modadd", "--submission", "baseline", "--scale", "smoke", "0", "--dry-run" }, "unexpected " +
        "argument '0' for 'repro trial'")]
    public void A_stray_positional_argument_is_rejected(string[] args, string message) => AssertOneErrorLine(args, message);

    [Theory]
    [InlineData(new[] { "show", "lars", "lawa" }, "unexpected argument 'lawa' for 'repro show'")]
    [InlineData(new[] { "list", "workloads", "papers" }, "unexpected argument 'papers' for 'repro list'")]
    [InlineData(new[] { "publish", "now" }, "unexpected argument 'now' for 'repro publish'")]
    public void Verbs_that_write_nothing_reject_stray_positionals_too(string[] args, string message)
    {
        var (code, output) = ReproRunner.Run(args);
        Assert.Equal(2, code);
        Assert.StartsWith("error: " + message, output);
    }

    [Theory]
    [InlineData(new[] { "speedrun", "--sedes", "2", "--dry-run" }, "unknown option '--sedes' for 'repro speedrun'. Did you mean '--seeds'? " +
        "Valid options: --scale,")]
    [InlineData(new[] { "speedrun", "--seeds", "1", "--seeds", "2", "--dry-run" }, "option '--seeds' is given 2 times; give it once.")]
    [InlineData(new[] { "speedrun", "--data", "--bogus", "--dry-run" }, "option '--data' needs a value (DIR)")]
    [InlineData(new[] { "speedrun", "--full-budget=maybe", "--dry-run" }, "option '--full-budget' is a flag: give it alone, or as --full-budget=true or " +
        "--full-budget=false (got 'maybe').")]
    public void Options_are_parsed_strictly(string[] args, string message) => AssertOneErrorLine(args, message);

    // Defect 3: each of these crashed (exit 134, stack trace) or failed only after trials had run.
    [Theory]
    [InlineData(new[] { "--device", "cuda" }, "--device cuda: this is a CPU build (TorchSharp-cpu), which cannot use CUDA. Build with 'dotnet " +
        "build -p:BenchCuda=true'")]
    [InlineData(new[] { "--first-seed", "2147483647", "--seeds", "2" }, "--first-seed 2147483647 with --seeds 2 runs past the largest seed")]
    [InlineData(new[] { "--trial-timeout-seconds", "1e300" }, "--trial-timeout-seconds must be between 0 and 604800 seconds")]
    [InlineData(new[] { "--trial-timeout-seconds", "NaN" }, "--trial-timeout-seconds must be a number of seconds")]
    [InlineData(new[] { "--trial-timeout-seconds", "inf" }, "--trial-timeout-seconds must be a number of seconds")]
    [InlineData(new[] { "--trial-timeout-seconds", "-5" }, "--trial-timeout-seconds must be between 0 and 604800 seconds")]
    [InlineData(new[] { "--seeds", "abc" }, "--seeds must be a whole number from 1 to 1000, not 'abc'.")]
    [InlineData(new[] { "--threads", "1e308" }, "--threads must be a whole number from 0 to 1024")]
    [InlineData(new[] { "--warmup-steps", "" }, "--warmup-steps must be a whole number")]
    public void Bad_values_stop_speedrun_before_any_work(string[] args, string message) =>
        AssertOneErrorLine(["speedrun", "--scale", "smoke", "--dry-run", .. args], message);

    [Fact]
    public void Cuda_is_refused_by_every_verb_that_trains()
    {
        AssertOneErrorLine(["run", "baseline", "--device", "cuda:1", "--dry-run"], "--device cuda:1: this is a CPU build");
        AssertOneErrorLine(["trial", "--workload", "modadd", "--submission", "baseline", "--scale", "smoke", "--device", "cuda", "--dry-run"],
            "--device cuda: this is a CPU build");
    }

    // Defect 5: BENCH_FIRST_SEED=abc used to pass unnoticed (the binder knew only BENCH_FIRSTSEED).
    [Theory]
    [InlineData("BENCH_FIRST_SEEDS", "1", "unknown environment variable BENCH_FIRST_SEEDS: did you mean BENCH_FIRST_SEED?")]
    [InlineData("BENCH_SEED", "1", "unknown environment variable BENCH_SEED: did you mean BENCH_SEEDS?")]
    [InlineData("BENCH_FIRST_SEED", "abc", "BENCH_FIRST_SEED must be a whole number from 0 to 2147483647, not 'abc'.")]
    public void A_misspelt_or_bad_BENCH_variable_is_an_error(string name, string value, string message)
    {
        Environment.SetEnvironmentVariable(name, value);
        try
        {
            AssertOneErrorLine(["speedrun", "--scale", "smoke", "--dry-run"], message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void The_underscore_spelling_of_a_variable_is_read()
    {
        Environment.SetEnvironmentVariable("BENCH_FIRST_SEED", "5");
        try
        {
            var (code, output) = ReproRunner.Run("speedrun", "--scale", "smoke", "--seeds", "2", "--dry-run", "--results", Results);
            Assert.True(code == 0, output);
            Assert.Contains("│ 5 6 ", output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("BENCH_FIRST_SEED", null);
        }
    }

    [Fact]
    public void Dry_run_prints_the_plan_and_writes_nothing()
    {
        var (code, output) = ReproRunner.Run("run", "baseline", "--workload", "modadd", "--scale", "smoke", "--seeds", "2", "--dry-run", "--results", Results);

        Assert.True(code == 0, output);
        Assert.Contains("dry run: 2 trials at scale smoke", output);
        Assert.Contains("│ modadd   │ baseline   │ 0 1   │", output);
        Assert.False(Directory.Exists(Results));
    }

    [Fact]
    public void An_internal_error_is_one_line_with_exit_70_and_no_stack_trace()
    {
        // A console whose output fails (a closed pipe): not bad input, so not exit 2.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new FailingWriter()), Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No });
        var errors = new StringWriter();

        var code = CommandLine.Run(["list", "workloads"], console, errors);

        Assert.Equal(CommandLine.InternalErrorExitCode, code);
        var line = Assert.Single(errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: internal error in repro (IOException): the pipe is closed", line);
        Assert.DoesNotContain("   at ", errors.ToString());
    }

    sealed class FailingWriter : StringWriter
    {
        public override void Write(char value) => throw new IOException("the pipe is closed");
        public override void Write(string? value) => throw new IOException("the pipe is closed");
        public override void Write(char[] buffer, int index, int count) => throw new IOException("the pipe is closed");
    }

    [Fact]
    public void Help_lists_every_BENCH_variable()
    {
        var (code, overview) = ReproRunner.Run("--help");
        Assert.Equal(0, code);
        Assert.All(OptionsLoader.Keys.SelectMany(k => k.Variables).Concat(OptionsLoader.OtherVariables.Keys), v => Assert.Contains(v, overview));

        var (_, speedrun) = ReproRunner.Run("speedrun", "--help");
        Assert.Contains("BENCH_TRIAL_TIMEOUT_SECONDS (or BENCH_TRIALTIMEOUTSECONDS)", speedrun);
        Assert.Contains("BENCH_DATA", speedrun);
    }

    [Fact]
    public void The_README_configuration_section_lists_every_BENCH_variable()
    {
        var readme = File.ReadAllText(Path.Combine(Bench.Harness.RepositoryRoot.Find()!, "README.md"));
        var start = readme.IndexOf("## Configuration", StringComparison.Ordinal);
        var section = readme[start..readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal)];
        Assert.All(OptionsLoader.Keys.SelectMany(k => k.Variables).Concat(OptionsLoader.OtherVariables.Keys), v => Assert.Contains($"`{v}`", section));
        Assert.All(OptionsLoader.Keys, k => Assert.Contains($"`--{k.Option}`", section));
    }
}
