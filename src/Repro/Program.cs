using Bench.Repro.Cli;
using Spectre.Console;

if (Console.IsOutputRedirected)
{
    // Piped output (CI logs, files) gets wide tables instead of Spectre's 80-column default, and plain
    // progress lines instead of live bars (which a log would record as repeated lines).
    AnsiConsole.Profile.Width = 180;
    AnsiConsole.Profile.Capabilities.Interactive = false;
}
return CommandLine.Run(args, AnsiConsole.Console, Console.Error);
