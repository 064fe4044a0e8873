using Bench.Harness.Configuration;

namespace Bench.Repro.Cli;

/// <summary>
/// Parses <c>--name value</c>, <c>--name=value</c> and flags against a command's declared options.
/// An unknown option or a missing value is a <see cref="ConfigException"/> naming the valid options.
/// </summary>
public static class ArgumentParser
{
    public static ParsedArguments Parse(IReadOnlyList<string> args, ICommand command)
    {
        var specs = command.Options.Concat(SharedOptions.Help).ToDictionary(o => o.Name, StringComparer.Ordinal);
        var positionals = new List<string>();
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                if (arg != "--") positionals.Add(arg);
                continue;
            }
            var (name, inline) = arg.IndexOf('=') is var eq and > 0 ? (arg[2..eq], arg[(eq + 1)..]) : (arg[2..], null);
            name = SharedOptions.Canonical(name);
            if (!specs.TryGetValue(name, out var spec))
                throw new ConfigException(
                    $"unknown option '--{name}' for 'repro {command.Name}'. Valid options: {string.Join(", ", specs.Keys.Select(k => "--" + k))}.");
            if (spec.IsFlag)
            {
                options[name] = inline ?? "true";
                continue;
            }
            if (inline is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    throw new ConfigException($"option '--{name}' needs a value ({spec.ValueName}): {spec.Description}");
                inline = args[++i];
            }
            options[name] = spec.Repeatable && options.TryGetValue(name, out var earlier) ? earlier + "\n" + inline : inline;
        }
        return new ParsedArguments(positionals, options);
    }
}
