using System.CommandLine;
using System.CommandLine.Parsing;
using Bench.Contracts;
using Bench.Harness.Configuration;

namespace Bench.Repro.Cli;

/// <summary>
/// Parses a verb's arguments with System.CommandLine against the verb's declared options and positional
/// arguments: <c>--name value</c>, <c>--name=value</c>, flags (<c>--flag</c>, <c>--flag=false</c>) and aliases.
/// Anything it cannot place (an unknown option, a stray positional, a missing or repeated value) is one
/// <see cref="ConfigException"/> naming the cause and the valid choices.
/// </summary>
public static class ArgumentParser
{
    // No response files: an '@name' argument is a value like any other, not a file to expand.
    static readonly ParserConfiguration Configuration = new() { ResponseFileTokenReplacer = null, EnablePosixBundling = false };

    public static ParsedArguments Parse(IReadOnlyList<string> args, ICommand command)
    {
        var specs = command.Options.Concat(SharedOptions.Help).ToList();
        var verb = new Command(command.Name);
        var options = new List<(OptionSpec Spec, Option Option)>();
        foreach (var spec in specs)
        {
            var aliases = SharedOptions.AliasesOf(spec.Name).Select(a => "--" + a).ToArray();
            Option option = spec.IsFlag
                ? new Option<bool>("--" + spec.Name, aliases) { Arity = ArgumentArity.ZeroOrOne }
                : spec.Repeatable
                    ? new Option<string[]>("--" + spec.Name, aliases) { Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false }
                    : new Option<string>("--" + spec.Name, aliases) { Arity = ArgumentArity.ExactlyOne };
            verb.Options.Add(option);
            options.Add((spec, option));
        }
        var arguments = command.Arguments.Select(a => new Argument<string>(a.Name) { Arity = ArgumentArity.ZeroOrOne }).ToList();
        foreach (var argument in arguments) verb.Arguments.Add(argument);

        // The parser passes a non-boolean '--flag=x' on as a stray 'x'; name the flag instead.
        foreach (var arg in args.TakeWhile(a => a != "--"))
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var eq and > 2
                && specs.FirstOrDefault(s => s.IsFlag && (s.Name == arg[2..eq] || SharedOptions.AliasesOf(s.Name).Contains(arg[2..eq]))) is { } flag
                && !bool.TryParse(arg[(eq + 1)..], out _))
                throw FlagValue(flag, arg[(eq + 1)..]);

        var result = verb.Parse(args, Configuration);
        // After '--' everything is positional, '--x' included.
        var separator = args.ToList().IndexOf("--");
        bool AfterSeparator(string token) => separator >= 0 && !args.Take(separator).Contains(token);
        if (result.UnmatchedTokens.Count > 0)
            throw Unexpected(result.UnmatchedTokens[0], command, specs, AfterSeparator(result.UnmatchedTokens[0]));

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (spec, option) in options)
        {
            if (result.GetResult(option) is not OptionResult { Implicit: false } found) continue;
            if (found.IdentifierTokenCount > 1 && !spec.Repeatable)
                throw new ConfigException($"option '--{spec.Name}' is given {found.IdentifierTokenCount} times; give it once.");
            var given = found.Tokens.Select(t => t.Value).ToList();
            // An unknown '--x' after a valued option is taken as its value by the parser; say what is missing instead.
            if (!spec.IsFlag && (given.Count == 0 || (given[0].StartsWith("--", StringComparison.Ordinal) && !spec.ValueMayBeOptions)))
                throw new ConfigException($"option '--{spec.Name}' needs a value ({spec.ValueName}): {spec.Description}");
            if (spec.IsFlag && given.Count == 1 && !bool.TryParse(given[0], out _)) throw FlagValue(spec, given[0]);
            // A repeatable option keeps every value, in order, one per line.
            values[spec.Name] = spec.IsFlag ? (given.Count == 0 ? "true" : given[0].ToLowerInvariant()) : spec.Repeatable ? string.Join("\n", given) : given[0];
        }
        if (result.Errors.Count > 0)
            throw new ConfigException($"{result.Errors[0].Message.TrimEnd('.')} (repro {command.Name}). Usage: repro {command.Usage}");

        var positionals = new List<string>();
        foreach (var argument in arguments)
        {
            if (result.GetResult(argument) is not { Tokens.Count: > 0 } found) continue;
            var value = found.Tokens[0].Value;
            // The parser hands an unknown '--name' to an open positional slot; it is a misspelt option, not an id.
            if (value.StartsWith('-') && value.Length > 1 && !AfterSeparator(value)) throw Unexpected(value, command, specs);
            positionals.Add(value);
        }
        return new ParsedArguments(positionals, values);
    }

    static ConfigException FlagValue(OptionSpec flag, string value) =>
        new($"option '--{flag.Name}' is a flag: give it alone, or as --{flag.Name}=true or --{flag.Name}=false (got '{ConfigException.Echo(value)}').");

    static ConfigException Unexpected(string token, ICommand command, IReadOnlyList<OptionSpec> specs, bool positional = false)
    {
        if (!positional && token.StartsWith('-') && token.Length > 1)
        {
            var name = token.TrimStart('-');
            var eq = name.IndexOf('=');
            if (eq > 0) name = name[..eq];
            var valid = specs.Select(s => s.Name).ToList();
            var likely = NameSuggestion.Likely(name, valid.Concat(valid.SelectMany(SharedOptions.AliasesOf)));
            return new ConfigException(
                $"unknown option '{ConfigException.Echo(token)}' for 'repro {command.Name}'.{(likely is null ? "" : $" Did you mean '--{likely}'?")} Valid " +
                    $"options: {string.Join(", ", valid.Select(k => "--" + k))}.");
        }
        var accepts = command.Arguments.Count == 0
            ? "it takes no positional arguments"
            : $"it takes {string.Join(" ", command.Arguments.Select(a => $"<{a.Name}>"))}";
        return new ConfigException($"unexpected argument '{ConfigException.Echo(token)}' for 'repro {command.Name}': {accepts} (usage: " +
            $"repro {command.Usage}).");
    }
}
