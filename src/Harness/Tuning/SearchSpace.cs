using System.Text.Json;
using Bench.Contracts;

namespace Bench.Harness.Tuning;

/// <summary>
/// A tuning search space in AlgoPerf's <c>tuning_search_space.json</c> format: an object whose keys are hyperparameter
/// names and whose values are <c>{"min": a, "max": b, "scaling": "linear"|"log"}</c> or <c>{"feasible_points": [...]}</c>.
/// Our one extension, <c>"relative": true</c>, scales the numbers by the submission's default on the workload, so one file
/// serves workloads whose tuned values differ by decades.
/// </summary>
public sealed record SearchSpace(IReadOnlyList<SearchDimension> Dimensions)
{
    /// <summary>Parses <paramref name="json"/>; <paramref name="source"/> names it in errors.</summary>
    public static SearchSpace Parse(string json, string source)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ConfigException($"search space {source} is not valid JSON: {e.Message}");
        }
        if (root.ValueKind != JsonValueKind.Object || !root.EnumerateObject().Any())
            throw new ConfigException($"search space {source} must be a non-empty JSON object of NAME: {{min, max, scaling}} or {{feasible_points}}.");
        return new([.. root.EnumerateObject().Select(p => Dimension(p, source))]);
    }

    /// <summary>Reads and parses the file at <paramref name="path"/>.</summary>
    public static SearchSpace Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"search space file '{path}' does not exist. Give --space FILE (AlgoPerf's " +
            "tuning_search_space.json format).");
        return Parse(File.ReadAllText(path), path);
    }

    static SearchDimension Dimension(JsonProperty property, string source)
    {
        var where = $"search space {source}, '{property.Name}'";
        var entry = property.Value;
        if (entry.ValueKind != JsonValueKind.Object) throw new ConfigException($"{where}: expected an object with min/max/scaling or feasible_points.");
        var relative = entry.TryGetProperty("relative", out var r) && r.ValueKind == JsonValueKind.True;
        if (entry.TryGetProperty("feasible_points", out var feasible))
        {
            if (feasible.ValueKind != JsonValueKind.Array || feasible.GetArrayLength() == 0 || feasible.EnumerateArray()
                .Any(v => v.ValueKind != JsonValueKind.Number))
                throw new ConfigException($"{where}: feasible_points must be a non-empty array of numbers.");
            return new(property.Name, double.NaN, double.NaN, false, [.. feasible.EnumerateArray().Select(v => v.GetDouble())], relative);
        }
        if (!entry.TryGetProperty("min", out var min) || !entry.TryGetProperty("max", out var max) || min.ValueKind != JsonValueKind.Number
            || max.ValueKind != JsonValueKind.Number)
            throw new ConfigException($"{where}: needs numeric min and max (or feasible_points).");
        var scaling = entry.TryGetProperty("scaling", out var s) ? s.GetString() : "linear";
        if (scaling is not ("linear" or "log")) throw new ConfigException($"{where}: scaling must be 'linear' or 'log' (got '{scaling}').");
        var (lo, hi) = (min.GetDouble(), max.GetDouble());
        if (!(lo <= hi)) throw new ConfigException($"{where}: min {lo} is above max {hi}.");
        if (scaling == "log" && lo <= 0) throw new ConfigException($"{where}: a log scale needs min > 0 (got {lo}).");
        return new(property.Name, lo, hi, scaling == "log", null, relative);
    }

    /// <summary>
    /// <paramref name="count"/> quasi-random points (Halton, from index 1): per point, name to value, scaled by
    /// <paramref name="defaults"/> where a dimension is relative.
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>> Halton(int count, IReadOnlyDictionary<string, double> defaults) =>
        [.. Tuning.Halton.Points(count, Dimensions.Count).Select(u => Point(d => Dimensions[d].At(u[d], Default(defaults, Dimensions[d]))))];

    /// <summary>The full grid with <paramref name="levels"/> values per continuous dimension (feasible points as given).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>> Grid(int levels, IReadOnlyDictionary<string, double> defaults)
    {
        IEnumerable<IReadOnlyDictionary<string, double>> points = [new Dictionary<string, double>()];
        foreach (var dimension in Dimensions)
        {
            var values = dimension.Grid(levels, Default(defaults, dimension));
            points = points.SelectMany(p =>
                values.Select(v => (IReadOnlyDictionary<string, double>)new Dictionary<string, double>(p) { [dimension.Name] = v }));
        }
        return [.. points];
    }

    IReadOnlyDictionary<string, double> Point(Func<int, double> value) =>
        Dimensions.Select((d, i) => (d.Name, Value: value(i))).ToDictionary(p => p.Name, p => p.Value);

    static double Default(IReadOnlyDictionary<string, double> defaults, SearchDimension dimension)
    {
        if (!dimension.Relative) return 1;
        if (!defaults.TryGetValue(dimension.Name, out var value))
            throw new ConfigException($"search space dimension '{dimension.Name}' is relative, but the submission declares no such hyperparameter.");
        if (value == 0) throw new ConfigException($"search space dimension '{dimension.Name}' is relative to a default of 0; give it absolute " +
            "min/max for this workload.");
        return value;
    }
}
