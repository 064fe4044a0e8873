using System.Globalization;
using Bench.Contracts;

namespace Bench.Submissions.GrowLength;

/// <summary>
/// A context-length schedule: stage <c>i</c> trains windows of <see cref="Lengths"/>[i] tokens from step
/// <see cref="StageStarts"/>[i] on; the lengths divide the context and rise strictly, and the last is the whole context
/// (the length evaluation uses).
/// </summary>
public sealed class LengthSchedule
{
    LengthSchedule(int context, IReadOnlyList<int> lengths, IReadOnlyList<long> stageStarts) =>
        (Context, Lengths, StageStarts) = (context, lengths, stageStarts);

    /// <summary>The workload's context: the full window.</summary>
    public int Context { get; }

    /// <summary>Each stage's window length, rising strictly to <see cref="Context"/>.</summary>
    public IReadOnlyList<int> Lengths { get; }

    /// <summary>Each stage's first step (0 for the first).</summary>
    public IReadOnlyList<long> StageStarts { get; }

    /// <summary>The window length trained at <paramref name="step"/>.</summary>
    public int LengthAt(long step)
    {
        var stage = 0;
        while (stage + 1 < StageStarts.Count && step >= StageStarts[stage + 1]) stage++;
        return Lengths[stage];
    }

    /// <summary>How many windows each full window is cut into at <paramref name="step"/>.</summary>
    public int PiecesAt(long step) => Context / LengthAt(step);

    /// <summary>
    /// The schedule for a context of <paramref name="context"/> tokens and a budget of <paramref name="stepBudget"/> steps:
    /// stage <c>i</c> trains windows of <c>context / divisors[i]</c> tokens until step <c>round(ends[i] x budget)</c>.
    /// </summary>
    /// <param name="context">The workload's context in tokens.</param>
    /// <param name="divisors">Comma-separated divisors of the context, strictly falling to 1 (<c>8,4,2,1</c>).</param>
    /// <param name="ends">Comma-separated fractions of the budget, strictly rising in (0, 1), one fewer than the divisors.</param>
    /// <param name="stepBudget">The step budget the fractions are of.</param>
    /// <exception cref="ConfigException">Either list is malformed or breaks those rules.</exception>
    public static LengthSchedule Parse(int context, string divisors, string ends, long stepBudget)
    {
        var ds = Numbers(divisors, "context_divisors",
            text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) ? d : (int?)null);
        foreach (var d in ds)
            if (d < 1 || context % d != 0)
                throw new ConfigException($"growlength's context_divisors: {d} does not divide the context {context}; each stage trains windows of " +
                    $"context / divisor tokens, so every divisor must be a positive divisor of {context} (e.g. 8,4,2,1)");
        for (var i = 1; i < ds.Count; i++)
            if (ds[i] >= ds[i - 1])
                throw new ConfigException($"growlength's context_divisors must fall strictly (the window length rises at every stage), got " +
                    $"'{divisors}': {ds[i - 1]} then {ds[i]}");
        if (ds[^1] != 1)
            throw new ConfigException($"growlength's context_divisors must end with 1 (the last stage trains the full context of {context}, the " +
                $"length evaluation uses), got '{divisors}'");
        var fs = ends.Trim().Length == 0 ? []
            : Numbers(ends, "stage_ends", text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : (double?)null);
        if (fs.Count != ds.Count - 1)
            throw new ConfigException($"growlength's stage_ends must give one fraction of the step budget for each stage but the last: " +
                $"{ds.Count - 1} for context_divisors '{divisors}', got {fs.Count} ('{ends}')");
        for (var i = 0; i < fs.Count; i++)
            if (!(fs[i] > 0 && fs[i] < 1) || (i > 0 && fs[i] <= fs[i - 1]))
                throw new ConfigException($"growlength's stage_ends must rise strictly within (0, 1) (fractions of the step budget at which each " +
                    $"stage ends), got '{ends}'");
        var starts = new List<long> { 0 };
        starts.AddRange(fs.Select(f => (long)Math.Round(f * stepBudget, MidpointRounding.AwayFromZero)));
        return new LengthSchedule(context, [.. ds.Select(d => context / d)], starts);
    }

    static List<T> Numbers<T>(string list, string name, Func<string, T?> parse) where T : struct
    {
        var items = list.Split(',', StringSplitOptions.TrimEntries);
        var parsed = items.Select(parse).ToList();
        if (items.Length == 0 || parsed.Any(p => p is null))
            throw new ConfigException($"growlength's {name} is a comma-separated list of numbers, got '{list}'");
        return [.. parsed.Select(p => p!.Value)];
    }
}
