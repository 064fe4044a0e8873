using System.Globalization;
using System.Text.Json;
using Bench.Contracts;

namespace Bench.Repro.Execution;

/// <summary>
/// The user's hyperparameter overrides: <c>--hparam NAME=VALUE</c> (repeatable, or comma-separated), where
/// <c>SUBMISSION.NAME=VALUE</c> applies to one submission only, and <c>--hparams FILE.json</c> holding
/// <c>{"name": value, "submission": {"name": value}}</c>. Unscoped names apply to every selected submission that
/// declares them (never to the baseline a plan adds for comparison); a name no selected submission declares is an error.
/// </summary>
public sealed class HyperparameterOverrides
{
    readonly Dictionary<string, string> unscoped = new(StringComparer.Ordinal);
    readonly Dictionary<string, Dictionary<string, string>> scoped = new(StringComparer.Ordinal);

    /// <summary>No overrides: every submission runs its declared defaults.</summary>
    public static HyperparameterOverrides None { get; } = new();

    /// <summary>True when nothing is overridden.</summary>
    public bool IsEmpty => unscoped.Count == 0 && scoped.Count == 0;

    /// <summary>Parses <paramref name="assignments"/> (<c>--hparam</c> values) and the optional <c>--hparams</c> file; the command line wins.</summary>
    public static HyperparameterOverrides Parse(IEnumerable<string> assignments, string? file)
    {
        var overrides = new HyperparameterOverrides();
        if (file is not null) overrides.ReadFile(file);
        foreach (var assignment in assignments.SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var eq = assignment.IndexOf('=');
            if (eq <= 0 || eq == assignment.Length - 1)
                throw new ConfigException($"--hparam takes NAME=VALUE or SUBMISSION.NAME=VALUE (got '{assignment}').");
            overrides.Add(assignment[..eq].Trim(), assignment[(eq + 1)..].Trim());
        }
        return overrides;
    }

    /// <summary>
    /// The overrides for <paramref name="submissionId"/>, whose declared names are <paramref name="declared"/>:
    /// its scoped ones, and the unscoped ones it declares when the user selected it.
    /// </summary>
    public IReadOnlyDictionary<string, string> For(string submissionId, IReadOnlyCollection<string> declared, bool selected)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (selected)
            foreach (var (name, value) in unscoped.Where(kv => declared.Contains(kv.Key))) values[name] = value;
        if (scoped.TryGetValue(submissionId, out var own))
            foreach (var (name, value) in own) values[name] = value;
        return values;
    }

    /// <summary>Fails when a scoped submission is not selected or an unscoped name is declared by none of <paramref name="declared"/>.</summary>
    public void Check(IReadOnlyDictionary<string, IReadOnlyCollection<string>> declared)
    {
        foreach (var submission in scoped.Keys.Where(s => !declared.ContainsKey(s)))
            throw new ConfigException($"--hparam names submission '{submission}', which this command does not run. Selected: " +
                $"{string.Join(", ", declared.Keys)}.");
        foreach (var name in unscoped.Keys.Where(n => !declared.Values.Any(d => d.Contains(n))))
            throw new ConfigException($"unknown hyperparameter '{name}': no selected submission declares it. Declared: "
                + string.Join("; ", declared.Select(kv => $"{kv.Key}: {string.Join(", ", kv.Value)}")) + ".");
    }

    void Add(string key, string value)
    {
        var dot = key.IndexOf('.');
        if (dot < 0) { unscoped[key] = value; return; }
        var (submission, name) = (key[..dot], key[(dot + 1)..]);
        if (submission.Length == 0 || name.Length == 0) throw new ConfigException($"--hparam key '{key}' must be NAME or SUBMISSION.NAME.");
        if (!scoped.TryGetValue(submission, out var own)) scoped[submission] = own = new(StringComparer.Ordinal);
        own[name] = value;
    }

    void ReadFile(string file)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            root = document.RootElement.Clone();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ArgumentException or NotSupportedException)
        {
            throw new ConfigException($"cannot read --hparams file '{file}': {e.Message} It must be a JSON object of NAME: value (or " +
                $"SUBMISSION: {{NAME: value}}).");
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw new ConfigException($"--hparams file '{file}' must hold a JSON object of NAME: value (or SUBMISSION: {{NAME: value}}).");
        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object)
                foreach (var inner in property.Value.EnumerateObject()) Add($"{property.Name}.{inner.Name}", Text(inner.Value, file));
            else Add(property.Name, Text(property.Value, file));
        }
    }

    static string Text(JsonElement value, string file) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.String => value.GetString()!,
        _ => throw new ConfigException($"--hparams file '{file}': values must be numbers, true/false or strings (got {value.GetRawText()})."),
    };
}
