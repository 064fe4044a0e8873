namespace Bench.Workloads.KgTranse;

/// <summary>
/// The standard filtered link-prediction protocol (Bordes et al. 2013): for each test triple, rank the
/// true tail against every entity for (h, r, ?) and the true head for (?, r, t), ignoring candidates that
/// form another known true triple (in train, valid or test; each distinct triple once, however often the
/// files repeat it). Ties are broken at random in expectation (Sun et al. 2020's "realistic" rank), not in
/// the true entity's favour, so a model that scores every entity alike gets a random ranking's metrics
/// instead of a perfect score.
/// </summary>
public static class FilteredRanking
{
    /// <summary>Known true answers for tail queries (h, r) and head queries (r, t), each answer once.</summary>
    public sealed class Known
    {
        public Dictionary<(int, int), HashSet<int>> Tails { get; } = [];
        public Dictionary<(int, int), HashSet<int>> Heads { get; } = [];

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

        static void Add(Dictionary<(int, int), HashSet<int>> map, (int, int) key, int value)
        {
            if (!map.TryGetValue(key, out var set)) map[key] = set = [];
            set.Add(value);
        }
    }

    /// <summary>
    /// Where the true entity lands among the filtered candidates: <see cref="Better"/> score strictly higher,
    /// <see cref="Ties"/> (the true entity excluded) score exactly the same. Under a uniformly random order of
    /// the tied group, the true entity's rank is equally likely to be any of Better + 1 ... Better + Ties + 1.
    /// </summary>
    public readonly record struct Placement(int Better, int Ties)
    {
        /// <summary>The realistic (mean) rank: Better + (Ties + 1) / 2 + 1/2 = 1 + Better + Ties / 2.</summary>
        public double Rank => 1 + Better + Ties / 2.0;

        /// <summary>E[1 / rank] over the tie order: the mean of 1/k for k = Better + 1 ... Better + Ties + 1.</summary>
        public double ReciprocalRank
        {
            get
            {
                var sum = 0.0;
                for (var k = Better + 1; k <= Better + Ties + 1; k++) sum += 1.0 / k;
                return sum / (Ties + 1);
            }
        }

        /// <summary>P(rank &lt;= k) over the tie order: the share of the tied positions that are within the top k.</summary>
        public double HitsAt(int k) => Math.Clamp(k - Better, 0, Ties + 1) / (double)(Ties + 1);
    }

    /// <summary>Filtered placement of <paramref name="answer"/> given every candidate's score (higher is better).</summary>
    public static Placement Place(ReadOnlySpan<float> scores, int answer, IReadOnlyCollection<int> otherTrue)
    {
        var target = scores[answer];
        var better = 0;
        var ties = 0;
        for (var e = 0; e < scores.Length; e++)
            if (scores[e] > target) better++;
            else if (scores[e] == target && e != answer) ties++;
        foreach (var other in otherTrue)
            if (other == answer) continue;
            else if (scores[other] > target) better--;
            else if (scores[other] == target) ties--;
        return new Placement(better, ties);
    }

    /// <summary>
    /// MRR (mean of E[1/rank]) and Hits@1/3/10 (mean of P(rank &lt;= k)), each an expectation over random tie
    /// orders: with no ties these are the usual metrics; a constant-score model over N candidates gets
    /// MRR = H_N / N (H_N the N-th harmonic number, a random ranking's expected MRR) and Hits@k = k / N.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Summarise(IReadOnlyList<Placement> placements) => new Dictionary<string, double>
    {
        ["mrr"] = placements.Average(p => p.ReciprocalRank),
        ["hits@1"] = placements.Average(p => p.HitsAt(1)),
        ["hits@3"] = placements.Average(p => p.HitsAt(3)),
        ["hits@10"] = placements.Average(p => p.HitsAt(10)),
    };
}
