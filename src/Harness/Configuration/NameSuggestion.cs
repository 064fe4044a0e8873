namespace Bench.Harness.Configuration;

/// <summary>The valid name closest to a misspelt one, for "did you mean" in error messages.</summary>
public static class NameSuggestion
{
    /// <summary>
    /// The candidate with the smallest edit distance to <paramref name="given"/> (case-insensitive,
    /// a swap of neighbours counts as one edit), or null when there are no candidates.
    /// </summary>
    public static string? Closest(string given, IEnumerable<string> candidates) =>
        candidates.Select(c => (Name: c, Distance: Distance(given, c))).OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name).FirstOrDefault();

    /// <summary>
    /// The closest candidate when it is plausibly a typo (at most a third of the name edited, at least
    /// two edits allowed), else null: "did you mean" for a wholly different word only confuses.
    /// </summary>
    public static string? Likely(string given, IEnumerable<string> candidates)
    {
        var closest = Closest(given, candidates);
        return closest is not null && Distance(given, closest) <= Math.Max(2, closest.Length / 3) ? closest : null;
    }

    /// <summary>Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    public static int Distance(string a, string b)
    {
        a = a.ToUpperInvariant();
        b = b.ToUpperInvariant();
        // Names are short; a very long input (a pasted path) is simply far from every name.
        if (Math.Abs(a.Length - b.Length) > 64) return Math.Abs(a.Length - b.Length);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
