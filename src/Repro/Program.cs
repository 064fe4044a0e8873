using Bench.Repro.Cli;
using Spectre.Console;

// Piped output (CI logs, files) gets wide tables instead of Spectre's 80-column default.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 180;
return CommandLine.Run(args, AnsiConsole.Console, Console.Error);
