using Bench.Repro.Cli;

namespace Bench.Repro.Tests.Cli;

public class HelpTests
{
    public static TheoryData<string> Verbs => [.. CommandLine.Commands.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Every_verb_has_help_listing_its_options(string verb)
    {
        var command = CommandLine.Commands.Single(c => c.Name == verb);
        var (code, output) = ReproRunner.Run(verb, "--help");

        Assert.Equal(0, code);
        Assert.Contains("repro " + command.Usage, output);
        Assert.All(command.Options, o => Assert.Contains("--" + o.Name, output));
    }

    [Fact]
    public void List_prints_every_workload_and_submission_as_csv()
    {
        var (code, workloads) = ReproRunner.Run("list", "workloads", "--format", "csv");
        var (_, submissions) = ReproRunner.Run("list", "submissions", "--format", "csv");
        Assert.Equal(0, code);
        Assert.Contains("modadd,smoke,\"p=31, 1 layer, width 64\",accuracy >= 0.6,60,400,3200", workloads);
        Assert.Contains("baseline,baseline,", submissions);
    }
}
