using Spectre.Console;

namespace Bench.Repro.Cli;

/// <summary>One verb of the <c>repro</c> tool; one file per verb under Commands/.</summary>
public interface ICommand
{
    /// <summary>The verb, e.g. <c>speedrun</c>.</summary>
    string Name { get; }

    /// <summary>One line for the verb list.</summary>
    string Summary { get; }

    /// <summary>Usage line after <c>repro</c>, e.g. <c>run &lt;paper&gt; [options]</c>.</summary>
    string Usage { get; }

    /// <summary>Options the verb accepts.</summary>
    IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>Positional arguments the verb accepts, in order; any other positional is an error.</summary>
    IReadOnlyList<ArgumentSpec> Arguments => [];

    /// <summary>Runs the verb; returns the process exit code.</summary>
    int Execute(ParsedArguments arguments, IAnsiConsole console);
}
