using Bench.Repro.Cli;
using Spectre.Console;

namespace Bench.Repro.Tests;

/// <summary>Runs the CLI in-process against a plain-text console and returns exit code and output.</summary>
public static class ReproRunner
{
    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 400;
        var code = CommandLine.Run(args, console, writer);
        return (code, writer.ToString());
    }
}
