using Bench.Workloads.KgTranse;

namespace Bench.Workloads.Tests.KgTranse;

public class FilteredRankingTests
{
    [Fact]
    public void Raw_rank_counts_strictly_better_candidates()
    {
        // Answer 2 scores 0.5; entities 0 and 3 score higher: rank 3.
        var placement = FilteredRanking.Place([0.9f, 0.1f, 0.5f, 0.7f], 2, []);
        Assert.Equal(new FilteredRanking.Placement(2, 0), placement);
        Assert.Equal(3, placement.Rank);
        Assert.Equal(1 / 3.0, placement.ReciprocalRank, 12);
    }

    [Fact]
    public void Other_true_answers_are_filtered_out()
    {
        // Entity 0 is another true tail for the same (h, r): it no longer counts against entity 2.
        Assert.Equal(2, FilteredRanking.Place([0.9f, 0.1f, 0.5f, 0.7f], 2, [0, 2]).Rank);
    }

    [Fact]
    public void Ties_give_the_mean_rank_over_the_tied_group()
    {
        // Scores: 0.9 beats the answer (entity 1, 0.5); entities 2, 3 and 4 tie with it; entity 5 is worse.
        // Realistic rank = 1 + better + ties / 2 = 1 + 1 + 3/2 = 3.5; positions 2..5 equally likely, so
        // E[1/rank] = (1/2 + 1/3 + 1/4 + 1/5) / 4 = 77/240; Hits@1 = 0, Hits@3 = 2/4 (positions 2, 3), Hits@10 = 1.
        var placement = FilteredRanking.Place([0.9f, 0.5f, 0.5f, 0.5f, 0.5f, 0.1f], 1, []);
        Assert.Equal(new FilteredRanking.Placement(1, 3), placement);
        Assert.Equal(3.5, placement.Rank);
        Assert.Equal(77 / 240.0, placement.ReciprocalRank, 12);
        Assert.Equal(0, placement.HitsAt(1));
        Assert.Equal(0.5, placement.HitsAt(3));
        Assert.Equal(1, placement.HitsAt(10));
    }

    [Fact]
    public void A_filtered_candidate_that_ties_leaves_the_tied_group()
    {
        // Entity 2 ties with the answer (entity 1) but is another true answer: filtered, so the answer is alone at rank 2.
        var placement = FilteredRanking.Place([0.9f, 0.5f, 0.5f, 0.1f], 1, [1, 2]);
        Assert.Equal(new FilteredRanking.Placement(1, 0), placement);
        Assert.Equal(0.5, placement.ReciprocalRank, 12);
    }

    [Fact]
    public void A_constant_score_model_gets_the_MRR_of_a_random_ranking()
    {
        // Four entities scored alike: every query's rank is uniform on 1..4, so the expected MRR is
        // H_4 / 4 = (1 + 1/2 + 1/3 + 1/4) / 4 = 25/48 and Hits@1 = 1/4, Hits@3 = 3/4 (not 1.0 as when ties favoured the answer).
        float[] constant = [0.3f, 0.3f, 0.3f, 0.3f];
        var placements = Enumerable.Range(0, 4).Select(answer => FilteredRanking.Place(constant, answer, [answer])).ToList();
        var metrics = FilteredRanking.Summarise(placements);
        Assert.Equal(25 / 48.0, metrics["mrr"], 12);
        Assert.Equal(0.25, metrics["hits@1"], 12);
        Assert.Equal(0.75, metrics["hits@3"], 12);
        Assert.Equal(1, metrics["hits@10"], 12);
        Assert.All(placements, p => Assert.Equal(2.5, p.Rank));
    }

    [Fact]
    public void A_triple_repeated_across_splits_is_filtered_once()
    {
        // (0, 0, 3) is in train twice and again in test: it is one known answer. Entity 3 scores above the
        // answer (entity 2) and is filtered once, leaving entity 0 better: rank 2 (subtracting three times gave -1).
        int[,] train = { { 0, 0, 3 }, { 0, 0, 3 }, { 0, 0, 2 } };
        int[,] test = { { 0, 0, 3 }, { 0, 0, 2 } };
        var known = FilteredRanking.Known.From(train, test);
        Assert.Equal([3, 2], known.Tails[(0, 0)]);
        var placement = FilteredRanking.Place([0.8f, 0.1f, 0.5f, 0.9f], 2, known.Tails[(0, 0)]);
        Assert.Equal(2, placement.Rank);
        Assert.Equal(0.5, placement.ReciprocalRank, 12);
    }

    [Fact]
    public void Mrr_and_hits_match_hand_computed_values()
    {
        var metrics = FilteredRanking.Summarise([new(0, 0), new(1, 0), new(3, 0), new(19, 0)]);
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
