using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Bench.Contracts;

/// <summary>
/// A submission's resolved hyperparameters: its declared record (defaults per workload and scale) with the user's
/// overrides applied, held as canonical JSON (snake_case names, sorted, numbers in round-trip form). Two trials are
/// the same trial only if their hyperparameters are equal, so rows with different settings are never pooled.
/// </summary>
[JsonConverter(typeof(HyperparametersJsonConverter))]
public sealed class Hyperparameters : IEquatable<Hyperparameters>
{
    static readonly JsonSerializerOptions RecordJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        // A value a submission leaves null (MARS-M's gamma on plain Muon) is not one of its hyperparameters.
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    readonly JsonObject values;

    Hyperparameters(JsonObject values)
    {
        this.values = values;
        Json = values.ToJsonString();
        Hash = values.Count == 0 ? "" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Json)), 0, 4).ToLowerInvariant();
    }

    /// <summary>No hyperparameters: rows written before hyperparameters were recorded, and test fakes.</summary>
    public static Hyperparameters None { get; } = new(new JsonObject());

    /// <summary>Canonical JSON of the values, e.g. <c>{"learning_rate":0.002,"warmup_fraction":0.05}</c>.</summary>
    public string Json { get; }

    /// <summary>Eight hex digits of the SHA-256 of <see cref="Json"/>; empty for <see cref="None"/>.</summary>
    public string Hash { get; }

    /// <summary>The names, sorted.</summary>
    public IReadOnlyList<string> Names => [.. values.Select(kv => kv.Key)];

    /// <summary>True when there are no values.</summary>
    public bool IsEmpty => values.Count == 0;

    /// <summary>The value of <paramref name="name"/> as a number (booleans as 0/1); throws for an unknown name.</summary>
    public double Number(string name) => values[name] switch
    {
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? 1 : 0,
        _ => throw new KeyNotFoundException($"no numeric hyperparameter '{name}' in {Json}"),
    };

    /// <summary>The values of a declared record: <paramref name="declared"/> serialised with snake_case names.</summary>
    public static Hyperparameters Of(object declared) =>
        new(Sorted(JsonSerializer.SerializeToNode(declared, declared.GetType(), RecordJson) as JsonObject
            ?? throw new ArgumentException($"hyperparameters must be a record with properties, got {declared.GetType().Name}")));

    /// <summary>Parses canonical (or any object) JSON, e.g. a row's <c>Hyperparameters</c> column; empty text is <see cref="None"/>.</summary>
    public static Hyperparameters Parse(string? json) =>
        string.IsNullOrWhiteSpace(json) ? None
            : new(Sorted(JsonNode.Parse(json) as JsonObject ?? throw new FormatException($"hyperparameters must be a JSON object: {json}")));

    /// <summary>
    /// <paramref name="defaults"/> (the submission's declared record) with <paramref name="overrides"/> applied and
    /// checked: every name must be declared, every value must parse as the declared type and pass the record's
    /// validation attributes. Bad input is a <see cref="ConfigException"/> naming <paramref name="owner"/>.
    /// </summary>
    public static Hyperparameters Resolve(object defaults, IReadOnlyDictionary<string, string> overrides, string owner)
    {
        var node = (JsonObject)JsonSerializer.SerializeToNode(defaults, defaults.GetType(), RecordJson)!;
        foreach (var (name, text) in overrides)
        {
            if (!node.TryGetPropertyValue(name, out var current))
                throw new ConfigException($"unknown hyperparameter '{name}' for {owner}. Valid: {Describe(node)}.");
            node[name] = ParseValue(name, text, current, owner);
        }
        object typed;
        try
        {
            typed = node.Deserialize(defaults.GetType(), RecordJson)!;
        }
        catch (JsonException e)
        {
            throw new ConfigException($"bad hyperparameter value for {owner}: {e.Message} Valid: {Describe(node)}.");
        }
        Validate(typed, owner);
        return Of(typed);
    }

    /// <summary>The values as the submission's declared record type.</summary>
    public T As<T>()
    {
        try
        {
            return values.Deserialize<T>(RecordJson) ?? throw new InvalidOperationException($"hyperparameters {Json} gave null for {typeof(T).Name}");
        }
        catch (JsonException e)
        {
            throw new ConfigException($"hyperparameters {Json} do not fit {typeof(T).Name}: {e.Message}");
        }
    }

    static JsonNode? ParseValue(string name, string text, JsonNode? current, string owner)
    {
        var kind = current?.GetValueKind();
        if (kind is JsonValueKind.True or JsonValueKind.False)
            return bool.TryParse(text, out var b) ? JsonValue.Create(b)
                : throw new ConfigException($"hyperparameter '{name}' of {owner} is true or false (got '{text}').");
        if (kind == JsonValueKind.Number)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
                throw new ConfigException($"hyperparameter '{name}' of {owner} must be a finite number (got '{text}').");
            // Integers stay integers so an int-typed property accepts them; 2.5 for an int fails on deserialisation.
            return d == Math.Floor(d) && Math.Abs(d) < 1e15 ? JsonValue.Create((long)d) : JsonValue.Create(d);
        }
        return JsonValue.Create(text);
    }

    static void Validate(object typed, string owner)
    {
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(typed, new ValidationContext(typed), errors, validateAllProperties: true))
            throw new ConfigException($"bad hyperparameter value for {owner}: {string.Join("; ", errors.Select(e => e.ErrorMessage))}.");
    }

    static string Describe(JsonObject node) => string.Join(", ", node.OrderBy(kv => kv.Key, StringComparer.Ordinal)
        .Select(kv => $"{kv.Key} (default {kv.Value?.ToJsonString()})"));

    static JsonObject Sorted(JsonObject node)
    {
        var sorted = new JsonObject();
        foreach (var (key, value) in node.OrderBy(kv => kv.Key, StringComparer.Ordinal)) sorted[key] = value?.DeepClone();
        return sorted;
    }

    public bool Equals(Hyperparameters? other) => other is not null && other.Json == Json;

    public override bool Equals(object? obj) => Equals(obj as Hyperparameters);

    public override int GetHashCode() => Json.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Json;
}
