using Bench.Workloads.KnowledgeGraph;

namespace Bench.Workloads.Tests.KnowledgeGraph;

public class FilteredRankingTests
{
    [Fact]
    public void Raw_rank_counts_strictly_better_candidates()
    {
        // Answer 2 scores 0.5; entities 0 and 3 score higher: rank 3.
        Assert.Equal(3, FilteredRanking.Rank([0.9f, 0.1f, 0.5f, 0.7f], 2, []));
    }

    [Fact]
    public void Other_true_answers_are_filtered_out()
    {
        // Entity 0 is another true tail for the same (h, r): it no longer counts against entity 2.
        Assert.Equal(2, FilteredRanking.Rank([0.9f, 0.1f, 0.5f, 0.7f], 2, [0, 2]));
    }

    [Fact]
    public void Ties_favour_the_true_entity() => Assert.Equal(1, FilteredRanking.Rank([0.5f, 0.5f], 1, []));

    [Fact]
    public void Mrr_and_hits_match_hand_computed_values()
    {
        var metrics = FilteredRanking.Summarise([1, 2, 4, 20]);
        Assert.Equal((1 + 0.5 + 0.25 + 0.05) / 4, metrics["mrr"], 12);
        Assert.Equal(0.25, metrics["hits@1"]);
        Assert.Equal(0.5, metrics["hits@3"]);
        Assert.Equal(0.75, metrics["hits@10"]);
    }

    [Fact]
    public void Known_answers_cover_every_split_in_both_directions()
    {
        int[,] train = { { 0, 0, 1 } };
        int[,] test = { { 0, 0, 2 } };
        var known = FilteredRanking.Known.From(train, test);
        Assert.Equal([1, 2], known.Tails[(0, 0)]);
        Assert.Equal([0], known.Heads[(0, 2)]);
    }
}
