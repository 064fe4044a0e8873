namespace Bench.Workloads.KnowledgeGraph;

/// <summary>
/// The standard filtered link-prediction protocol (Bordes et al. 2013): for each test triple, rank the
/// true tail against every entity for (h, r, ?) and the true head for (?, r, t), ignoring candidates that
/// form another known true triple (in train, valid or test). Rank = 1 + number of remaining candidates
/// scoring strictly higher (ties favour the true entity). MRR and Hits@k average over both directions.
/// </summary>
public static class FilteredRanking
{
    /// <summary>Known true answers for tail queries (h, r) and head queries (r, t).</summary>
    public sealed class Known
    {
        public Dictionary<(int, int), List<int>> Tails { get; } = [];
        public Dictionary<(int, int), List<int>> Heads { get; } = [];

        public static Known From(params int[][,] splits)
        {
            var known = new Known();
            foreach (var split in splits)
                for (var i = 0; i < split.GetLength(0); i++)
                {
                    Add(known.Tails, (split[i, 0], split[i, 1]), split[i, 2]);
                    Add(known.Heads, (split[i, 1], split[i, 2]), split[i, 0]);
                }
            return known;
        }

        static void Add(Dictionary<(int, int), List<int>> map, (int, int) key, int value)
        {
            if (!map.TryGetValue(key, out var list)) map[key] = list = [];
            list.Add(value);
        }
    }

    /// <summary>Filtered rank of <paramref name="answer"/> given every candidate's score (higher is better).</summary>
    public static int Rank(ReadOnlySpan<float> scores, int answer, IReadOnlyList<int> otherTrue)
    {
        var target = scores[answer];
        var better = 0;
        for (var e = 0; e < scores.Length; e++)
            if (scores[e] > target) better++;
        foreach (var other in otherTrue)
            if (other != answer && scores[other] > target) better--;
        return better + 1;
    }

    /// <summary>Mean reciprocal rank and Hits@1/3/10 over a list of ranks.</summary>
    public static IReadOnlyDictionary<string, double> Summarise(IReadOnlyList<int> ranks) => new Dictionary<string, double>
    {
        ["mrr"] = ranks.Average(r => 1.0 / r),
        ["hits@1"] = ranks.Average(r => r <= 1 ? 1.0 : 0.0),
        ["hits@3"] = ranks.Average(r => r <= 3 ? 1.0 : 0.0),
        ["hits@10"] = ranks.Average(r => r <= 10 ? 1.0 : 0.0),
    };
}
