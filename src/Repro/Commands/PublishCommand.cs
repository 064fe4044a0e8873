using Bench.Harness.Results;
using Bench.Repro.Cli;
using Bench.Repro.Execution;
using Bench.Repro.Publishing;
using Bench.Submissions;
using Bench.Submissions.Papers;
using Spectre.Console;

namespace Bench.Repro.Commands;

/// <summary>Copies local trial rows into the committed results folder and regenerates its tables.</summary>
public sealed class PublishCommand : ICommand
{
    public string Name => "publish";

    public string Summary => "copy finished trials into results/ and regenerate results/README.md (verdicts, leaderboard, papers), tables/*.csv, " +
        "summary.csv and plots/*.png";

    public string Usage => "publish [--results DIR] [--published DIR]";

    public IReadOnlyList<OptionSpec> Options => [SharedOptions.Results, SharedOptions.Published];

    public int Execute(ParsedArguments arguments, IAnsiConsole console)
    {
        var options = SharedOptions.Bind(arguments);
        var published = new ResultsStore(options.Published);
        var added = Publisher.Publish(new ResultsStore(options.Results), published, SubmissionRegistry.BaselineId, Comparisons.Context, PaperRegistry.All);
        console.MarkupLine($"published {added} new trial rows to {Markup.Escape(published.TrialsCsv)}; tables in " +
            $"{Markup.Escape(Path.Combine(published.Root, "README.md"))}, tables/ and plots/");
        return 0;
    }
}
