using Bench.Harness.Configuration;
using Bench.Repro.Commands;
using Spectre.Console;

namespace Bench.Repro.Cli;

/// <summary>Dispatches <c>repro &lt;verb&gt;</c>, prints help, and turns bad input into one clear message and exit code 2.</summary>
public static class CommandLine
{
    /// <summary>Every verb, in help order.</summary>
    public static IReadOnlyList<ICommand> Commands { get; } =
    [
        new ListCommand(),
        new ShowCommand(),
        new RunCommand(),
        new SpeedrunCommand(),
        new GateCommand(),
        new PublishCommand(),
        new RepairCommand(),
        new TrialCommand(),
    ];

    /// <summary>Runs the verb in <paramref name="args"/>; bad input goes to <paramref name="errors"/> (stderr) as one line.</summary>
    public static int Run(string[] args, IAnsiConsole console, TextWriter errors)
    {
        // `dotnet tool run repro -- list` may pass the separator through.
        if (args.Length > 0 && args[0] == "--") args = args[1..];
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            PrintOverview(console);
            return args.Length == 0 ? ConfigException.ExitCode : 0;
        }
        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        try
        {
            if (command is null)
                throw new ConfigException($"unknown command '{args[0]}'. Valid commands: {string.Join(", ", Commands.Select(c => c.Name))}.");
            var parsed = ArgumentParser.Parse(args[1..], command);
            if (parsed.Flag("help") || parsed.Positionals.Contains("-h"))
            {
                PrintHelp(console, command);
                return 0;
            }
            return command.Execute(parsed, console);
        }
        catch (ConfigException e)
        {
            // stderr, so a parent run can relay a trial process's message.
            errors.WriteLine($"error: {e.Message}");
            return ConfigException.ExitCode;
        }
    }

    static void PrintOverview(IAnsiConsole console)
    {
        console.MarkupLine("[bold]repro[/]: measure and reproduce training-speedup claims (Bench)");
        console.WriteLine("usage: repro <command> [options]    (repro <command> --help for its options)");
        var table = new Table().NoBorder().AddColumn("command").AddColumn("what it does");
        foreach (var c in Commands) table.AddRow(Markup.Escape(c.Name), Markup.Escape(c.Summary));
        console.Write(table);
    }

    static void PrintHelp(IAnsiConsole console, ICommand command)
    {
        console.MarkupLine($"[bold]repro {Markup.Escape(command.Usage)}[/]");
        console.MarkupLine(Markup.Escape(command.Summary));
        var table = new Table().NoBorder().AddColumn("option").AddColumn("meaning");
        foreach (var o in command.Options.Concat(SharedOptions.Help))
            table.AddRow(Markup.Escape(o.IsFlag ? $"--{o.Name}" : $"--{o.Name} <{o.ValueName}>"), Markup.Escape(o.Description));
        console.Write(table);
    }
}
