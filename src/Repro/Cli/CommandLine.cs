using Bench.Contracts;
using Bench.Harness.Configuration;
using Bench.Repro.Commands;
using Spectre.Console;

namespace Bench.Repro.Cli;

/// <summary>
/// Dispatches <c>repro &lt;verb&gt;</c>, prints help, and turns every failure into one line on stderr:
/// bad input exits with code 2 (<see cref="ConfigException"/>), anything else is an internal error
/// (exit <see cref="InternalErrorExitCode"/>) whose stack trace goes to a file, never to the terminal.
/// </summary>
public static class CommandLine
{
    /// <summary>Exit code for a bug in repro itself (sysexits' EX_SOFTWARE), distinct from bad input (2) and a failed gate (1).</summary>
    public const int InternalErrorExitCode = 70;

    /// <summary>Every verb, in help order.</summary>
    public static IReadOnlyList<ICommand> Commands { get; } =
    [
        new ListCommand(),
        new ShowCommand(),
        new RunCommand(),
        new SpeedrunCommand(),
        new TuneCommand(),
        new NoiseCommand(),
        new CalibrateCommand(),
        new GateCommand(),
        new PublishCommand(),
        new RepairCommand(),
        new TransferCommand(),
        new TrialCommand(),
    ];

    /// <summary>Runs the verb in <paramref name="args"/>; a failure goes to <paramref name="errors"/> (stderr) as one line. Never throws.</summary>
    public static int Run(string[] args, IAnsiConsole console, TextWriter errors)
    {
        try
        {
            return Dispatch(args, console);
        }
        catch (ConfigException e)
        {
            // stderr, so a parent run can relay a trial process's message.
            errors.WriteLine($"error: {OneLine(e.Message)}");
            return ConfigException.ExitCode;
        }
        catch (Exception e)
        {
            errors.WriteLine($"error: internal error in repro ({e.GetType().Name}): {OneLine(e.Message)}{SaveTrace(e)}");
            return InternalErrorExitCode;
        }
    }

    static int Dispatch(string[] args, IAnsiConsole console)
    {
        // `dotnet tool run repro -- list` may pass the separator through.
        if (args.Length > 0 && args[0] == "--") args = args[1..];
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            // `repro help speedrun` is `repro speedrun --help`.
            if (args is ["help", var name] && Commands.FirstOrDefault(c => c.Name == name) is { } verb)
            {
                PrintHelp(console, verb);
                return 0;
            }
            PrintOverview(console);
            if (args.Length == 0)
                throw new ConfigException("no command given: name one of the commands above, e.g. 'repro speedrun' ('repro <command> " +
                    "--help' shows its options).");
            return 0;
        }
        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            var likely = NameSuggestion.Likely(args[0], Commands.Select(c => c.Name));
            throw new ConfigException(
                $"unknown command '{ConfigException.Echo(args[0])}'.{(likely is null ? "" : $" Did you mean '{likely}'?")} Valid commands: " +
                    $"{string.Join(", ", Commands.Select(c => c.Name))}.");
        }
        // Help wins over everything else on the line, so `repro speedrun --seeds x --help` still explains.
        if (args[1..].TakeWhile(a => a != "--").Any(a => a is "--help" or "-h"))
        {
            PrintHelp(console, command);
            return 0;
        }
        return command.Execute(ArgumentParser.Parse(args[1..], command), console);
    }

    /// <summary>Messages from libraries can span lines; the contract is one line per error.</summary>
    static string OneLine(string message) =>
        string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Writes the full exception to a file for the bug report; the terminal gets its path.</summary>
    static string SaveTrace(Exception e)
    {
        try
        {
            var path = Path.Combine(Path.GetTempPath(), $"repro-internal-error-{Environment.ProcessId}.txt");
            File.WriteAllText(path, e.ToString());
            return $" (a bug: please report it with {path})";
        }
        catch (IOException)
        {
            return " (a bug: please report it)";
        }
        catch (UnauthorizedAccessException)
        {
            return " (a bug: please report it)";
        }
    }

    static void PrintOverview(IAnsiConsole console)
    {
        console.MarkupLine("[bold]repro[/]: measure and reproduce training-speedup claims (Bench)");
        console.WriteLine("usage: repro <command> [options]    (repro <command> --help for its options)");
        var table = new Table().NoBorder().AddColumn("command").AddColumn("what it does");
        foreach (var c in Commands) table.AddRow(Markup.Escape(c.Name), Markup.Escape(c.Summary));
        console.Write(table);
        console.WriteLine("Environment variables (the command line overrides them; any other BENCH_ variable is an error):");
        var variables = new Table().NoBorder().AddColumn("variable").AddColumn("meaning");
        foreach (var key in OptionsLoader.Keys)
            variables.AddRow(Markup.Escape(SharedOptions.VariablesOf(key.Option)), Markup.Escape($"--{key.Option}"));
        foreach (var (name, meaning) in OptionsLoader.OtherVariables) variables.AddRow(Markup.Escape(name), Markup.Escape(meaning));
        console.Write(variables);
        console.WriteLine($"Exit codes: 0 done, 1 gate failed, {ConfigException.ExitCode} bad input (one 'error:' line), {InternalErrorExitCode} " +
            "internal error (a bug).");
    }

    static void PrintHelp(IAnsiConsole console, ICommand command)
    {
        console.MarkupLine($"[bold]repro {Markup.Escape(command.Usage)}[/]");
        console.MarkupLine(Markup.Escape(command.Summary));
        if (command.Arguments.Count > 0)
        {
            var arguments = new Table().NoBorder().AddColumn("argument").AddColumn("meaning");
            foreach (var a in command.Arguments) arguments.AddRow(Markup.Escape($"<{a.Name}>"), Markup.Escape(a.Description));
            console.Write(arguments);
        }
        var table = new Table().NoBorder().AddColumn("option").AddColumn("environment").AddColumn("meaning");
        foreach (var o in command.Options.Concat(SharedOptions.Help))
        {
            var names = string.Join(", ", new[] { o.Name }.Concat(SharedOptions.AliasesOf(o.Name)).Select(n => "--" + n));
            table.AddRow(Markup.Escape(o.IsFlag ? names : $"{names} <{o.ValueName}>"), Markup.Escape(SharedOptions.VariablesOf(o.Name)),
                Markup.Escape(o.Description));
        }
        console.Write(table);
    }
}
