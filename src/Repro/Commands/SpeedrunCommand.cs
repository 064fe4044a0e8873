using Bench.Repro.Cli;
using Bench.Repro.Display;
using Bench.Repro.Execution;
using Spectre.Console;

namespace Bench.Repro.Commands;

/// <summary>Every selected submission on every selected workload, baseline included, for every seed.</summary>
public sealed class SpeedrunCommand : ICommand
{
    public string Name => "speedrun";

    public string Summary => "run every submission on every workload (resumable; each trial in its own process)";

    public string Usage => "speedrun [options]";

    public IReadOnlyList<OptionSpec> Options => SharedOptions.Running;

    public int Execute(ParsedArguments arguments, IAnsiConsole console)
    {
        var options = SharedOptions.Bind(arguments);
        var plan = Catalog.Plan(Catalog.Workloads(options.Workloads), Catalog.Submissions(options.Submissions), options.Scale, options.SeedsFor,
            SharedOptions.Overrides(arguments));
        plan = Catalog.OnDataset(plan, options, line => console.WriteLine(line));
        if (arguments.Flag("dry-run")) return PlanTable.Write(console, options, plan);
        Experiment.Run(options, plan, arguments.Flag("in-process"), console);
        return 0;
    }
}
