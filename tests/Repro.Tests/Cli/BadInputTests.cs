namespace Bench.Repro.Tests.Cli;

/// <summary>Bad input gets one clear message naming the cause and the fix, and exit code 2.</summary>
public class BadInputTests
{
    [Theory]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'. Valid commands: list, show, run, speedrun, tune, noise, calibrate, gate, " +
        "publish, repair, transfer, trial.")]
    [InlineData(new[] { "run", "nosuch", "--in-process" }, "unknown submission 'nosuch'. Valid submissions: baseline, super-convergence,")]
    [InlineData(new[] { "speedrun", "--workloads", "imagenet", "--in-process" }, "unknown workload 'imagenet'. Valid workloads: modadd, tinyshakespeare, " +
        "fashion-mnist, cifar10, cifar10-vit, kg-transe, sst2.")]
    [InlineData(new[] { "speedrun", "--seeds", "0" }, "--seeds must be between 1 and 1000 (got 0).")]
    [InlineData(new[] { "speedrun", "--seeds", "many" }, "--seeds must be a whole number from 1 to 1000, not 'many'.")]
    [InlineData(new[] { "speedrun", "--scale", "huge" }, "unknown scale 'huge'. Valid scales: smoke, cpu, gpu.")]
    [InlineData(new[] { "speedrun", "--bogus", "1" }, "unknown option '--bogus' for 'repro speedrun'. Valid options: --scale")]
    [InlineData(new[] { "speedrun", "--seeds" }, "option '--seeds' needs a value (N)")]
    [InlineData(new[] { "run" }, "run needs exactly one paper or submission id")]
    [InlineData(new[] { "list", "workloads", "--format", "xml" }, "unknown format 'xml'. Valid formats: table, csv, json.")]
    [InlineData(new[] { "trial", "--workload", "modadd", "--scale", "smoke", "--seed", "x", "--submission", "baseline" }, "--seed must be a " +
        "non-negative integer (got 'x').")]
    public void Exit_code_2_with_a_message_naming_cause_and_choices(string[] args, string message)
    {
        var (code, output) = ReproRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Contains("error: " + message, output);
    }

    [Fact]
    public void No_arguments_prints_the_verbs_and_exits_2()
    {
        var (code, output) = ReproRunner.Run();
        Assert.Equal(2, code);
        Assert.Contains("speedrun", output);
    }
}
