using Bench.Contracts;
using Bench.Submissions.MultistageDataFiltering;
using Bench.Tests.Shared;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.MultistageDataFiltering;

/// <summary>
/// The three stages on hand-made batches: each row is <c>[token, marker, 0]</c> (0 is padding), example id
/// <c>firstId + row</c>, target <c>1000 + id</c>, and its loss is <c>token / 8</c> (exact in binary), so every threshold,
/// kept row and booking below is computed by hand.
/// </summary>
public class MultistageFilterTests
{
    const double Meta = 0.001; // the meta-predictor's price per example, in forward-pass equivalents

    static Batch Rows(long firstId, params (long Token, long Marker)[] rows) =>
        new(tensor(rows.SelectMany(r => new[] { r.Token, r.Marker, 0L }).ToArray(), [rows.Length, 3]),
            tensor(rows.Select((_, i) => 1000 + firstId + i).ToArray()))
        {
            ExampleIds = [.. rows.Select((_, i) => firstId + i)],
        };

    static Batch Tokens(long firstId, params long[] tokens) => Rows(firstId, [.. tokens.Select(t => (t, 0L))]);

    /// <summary>token / 8 per row; records the ids of every row it scores.</summary>
    sealed class Scorer
    {
        public List<long[]> Seen { get; } = [];

        public Tensor Loss(Batch batch)
        {
            Seen.Add(batch.ExampleIds!);
            return batch.Inputs.select(1, 0).to(float32) / 8;
        }
    }

    static MultistageFilter Filter(int window, long warmupSteps, long epochExamples, int metaWindow = 100, double metaLoss = 1e-6) =>
        new(new MultistageDataFilteringHyperparameters(ThresholdWindow: window, MetaWindow: metaWindow, MetaLoss: metaLoss),
            warmupSteps, batchSize: 4, epochExamples, vocabulary: 20, padding: 0, metaForwardEquivalents: Meta);

    [Fact]
    public void The_last_warm_up_batches_set_the_threshold_and_rows_at_or_above_it_are_trained_with_their_ids_and_targets()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var filter = Filter(window: 8, warmupSteps: 3, epochExamples: 1000);
        var ledger = new CountingLedger();
        var scorer = new Scorer();
        Assert.Equal(1, filter.ScoredFrom); // 8 examples: the last two warm-up batches of 4

        var first = Tokens(0, 1, 2, 3, 4);
        Assert.Same(first, filter.Filter(first, 0, scorer.Loss, ledger));
        Assert.Empty(ledger.Scored);
        var second = Tokens(4, 2, 4, 6, 8);
        Assert.Same(second, filter.Filter(second, 1, scorer.Loss, ledger));
        var third = Tokens(8, 2, 4, 6, 8);
        Assert.Same(third, filter.Filter(third, 2, scorer.Loss, ledger));
        Assert.Equal([4, 4], ledger.Scored);
        Assert.Empty(ledger.Skipped);
        Assert.Null(filter.Threshold);
        Assert.Equal(FilterStage.WarmUp, filter.Stage);
        ledger.Clear();

        // Threshold: (0.25 + 0.5 + 0.75 + 1) x 2 / 8 = 0.625. Losses 0.125, 0.625, 1.125, 0.375: rows 1 (equal) and 2 kept.
        var kept = filter.Filter(Tokens(12, 1, 5, 9, 3), 3, scorer.Loss, ledger);

        Assert.Equal(0.625, filter.Threshold);
        Assert.Equal(FilterStage.LossFilter, filter.Stage);
        Assert.Equal([13L, 14L], kept.ExampleIds!);
        Assert.Equal([1013L, 1014L], kept.Targets.data<long>().ToArray());
        Assert.Equal([5L, 9L], kept.Inputs.select(1, 0).data<long>().ToArray());
        Assert.Equal([4], ledger.Scored);
        Assert.Equal([2], ledger.Skipped);
        Assert.Equal(2 * 4 * Meta, ledger.Charged.Sum(), 12); // predicted and learned: 4 rows twice
        Assert.Equal((12L, 2L, 0L), filter.Counts);
    }

    [Fact]
    public void A_step_whose_rows_are_all_below_the_threshold_trains_the_hardest_alone()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var filter = Filter(window: 4, warmupSteps: 1, epochExamples: 1000);
        var ledger = new CountingLedger();
        var scorer = new Scorer();
        filter.Filter(Tokens(0, 8, 8, 8, 8), 0, scorer.Loss, ledger); // threshold 1

        var kept = filter.Filter(Tokens(4, 1, 3, 2, 1), 1, scorer.Loss, ledger);

        Assert.Equal([5L], kept.ExampleIds!);
        Assert.Equal([1005L], kept.Targets.data<long>().ToArray());
        Assert.Equal([3], ledger.Skipped);
    }

    /// <summary>Hard rows carry marker 10 and tokens 5 or 6 (losses 0.625, 0.75); easy rows marker 11 and tokens 1 or 2.</summary>
    static Batch Separable(long firstId) => Rows(firstId, (5, 10), (6, 10), (1, 11), (2, 11));

    [Fact]
    public void From_the_second_epoch_rows_the_meta_predictor_calls_easy_are_dropped_unscored()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var filter = Filter(window: 4, warmupSteps: 1, epochExamples: 16);
        var ledger = new CountingLedger();
        var scorer = new Scorer();
        filter.Filter(Tokens(0, 2, 4, 6, 8), 0, scorer.Loss, ledger); // threshold 0.625
        for (var step = 1; step <= 3; step++) filter.Filter(Separable(4 * step), step, scorer.Loss, ledger);
        Assert.Equal(FilterStage.LossFilter, filter.Stage); // 12 examples delivered before step 3: still the first epoch
        ledger.Clear();
        scorer.Seen.Clear();

        // 16 delivered before step 4: the second epoch. Token 7 is new; the markers decide.
        var kept = filter.Filter(Rows(16, (7, 10), (1, 11), (6, 10), (2, 11)), 4, scorer.Loss, ledger);

        Assert.Equal(FilterStage.MetaFilter, filter.Stage);
        Assert.Equal([[16L, 18L]], scorer.Seen); // only the rows predicted hard were forwarded
        Assert.Equal([16L, 18L], kept.ExampleIds!);
        Assert.Equal([1016L, 1018L], kept.Targets.data<long>().ToArray());
        Assert.Equal([2], ledger.Scored);
        Assert.Equal([2], ledger.Skipped);
        Assert.Equal((4 + 2) * Meta, ledger.Charged.Sum(), 12); // 4 predicted, 2 learned
        Assert.Equal(2, filter.Counts.ForwardSkipped);
    }

    [Fact]
    public void Stage_2_starts_once_the_meta_predictors_mean_log_loss_over_the_window_is_low_enough()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var filter = Filter(window: 4, warmupSteps: 1, epochExamples: 1_000_000, metaWindow: 2, metaLoss: 0.5);
        var ledger = new CountingLedger();
        var scorer = new Scorer();
        filter.Filter(Tokens(0, 2, 4, 6, 8), 0, scorer.Loss, ledger);

        // Step 1 is predicted before any learning: log-loss ln 2 each, and the window of 2 is not full.
        filter.Filter(Separable(4), 1, scorer.Loss, ledger);
        Assert.Equal(FilterStage.LossFilter, filter.Stage);
        // Step 2, predicted from step 1's counts: P(hard | {5, 10}) = 27/28 by hand, so the window's mean is about
        // (0.693 + 0.04) / 2 < 0.5.
        filter.Filter(Separable(8), 2, scorer.Loss, ledger);
        Assert.Equal(FilterStage.MetaFilter, filter.Stage);

        var byHand = new BernoulliNaiveBayes(20);
        byHand.Learn([5, 10], true);
        byHand.Learn([6, 10], true);
        byHand.Learn([1, 11], false);
        byHand.Learn([2, 11], false);
        Assert.Equal(27.0 / 28, Math.Exp(byHand.LogProbabilities([5, 10]).Hard), 12);
    }

    [Fact]
    public void When_every_row_is_called_easy_the_likeliest_hard_one_is_trained_unscored()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var filter = Filter(window: 4, warmupSteps: 1, epochExamples: 12);
        var ledger = new CountingLedger();
        var scorer = new Scorer();
        filter.Filter(Tokens(0, 2, 4, 6, 8), 0, scorer.Loss, ledger);
        filter.Filter(Separable(4), 1, scorer.Loss, ledger);
        filter.Filter(Separable(8), 2, scorer.Loss, ledger);
        Assert.Equal(FilterStage.LossFilter, filter.Stage); // 12 delivered before step 3: stage 2 from it
        ledger.Clear();
        scorer.Seen.Clear();
        var batch = Rows(12, (1, 11), (2, 11), (3, 11), (1, 11));
        long[][] words = [[1, 11], [2, 11], [3, 11], [1, 11]];
        var odds = words.Select(w => filter.Predictor.LogProbabilities([.. w.Select(x => (int)x)]).Hard).ToArray();
        Assert.All(odds, p => Assert.True(p < Math.Log(0.5)));
        var likeliest = Array.IndexOf(odds, odds.Max());

        var kept = filter.Filter(batch, 3, scorer.Loss, ledger);

        Assert.Empty(scorer.Seen);
        Assert.Empty(ledger.Scored);
        Assert.Equal([12L + likeliest], kept.ExampleIds!);
        Assert.Equal([3], ledger.Skipped);
        Assert.Equal(3, filter.Counts.ForwardSkipped);
    }
}
