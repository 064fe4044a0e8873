using Bench.Contracts;
using Bench.Harness.Results;
using Bench.Repro.Cli;
using Spectre.Console;

namespace Bench.Repro.Commands;

/// <summary>
/// Makes a damaged <c>trials.csv</c> readable again: the damaged file is kept aside unchanged, its good rows go to a
/// fresh <c>trials.csv</c> and its bad lines to a side file, with counts and the line of every problem.
/// </summary>
public sealed class RepairCommand : ICommand
{
    public string Name => "repair";

    public string Summary => "keep the good rows of a damaged trials.csv (the file is kept aside, bad lines go to a side file)";

    public string Usage => "repair [--results DIR]";

    public IReadOnlyList<OptionSpec> Options => [SharedOptions.Results];

    public int Execute(ParsedArguments arguments, IAnsiConsole console)
    {
        if (arguments.Positionals.Count > 0) throw new ConfigException($"repair takes no positional arguments (got '{arguments.Positionals[0]}'); name the " +
            "folder with --results DIR.");
        var store = new ResultsStore(SharedOptions.Bind(arguments).Results);
        if (!File.Exists(store.TrialsCsv)) throw new ConfigException($"there is no {store.TrialsCsv} to repair. Name the folder with --results DIR.");
        // Not while a run appends to the same table.
        using var runLock = store.LockForRun();
        var repair = store.Repair();
        if (repair.DamagedCopy is null)
        {
            console.MarkupLine($"{Markup.Escape(repair.File)}: {repair.Kept} rows, nothing to repair.");
            return 0;
        }
        foreach (var problem in repair.Problems) console.MarkupLine($"  {Markup.Escape(problem)}");
        console.MarkupLine($"[green]repaired[/] {Markup.Escape(repair.File)}: kept {repair.Kept} rows, moved {repair.Problems.Count} bad record(s) to " +
            $"{Markup.Escape(repair.RejectedLines!)}");
        console.MarkupLine($"the damaged file is kept unchanged at {Markup.Escape(repair.DamagedCopy)}");
        return 0;
    }
}
