using Bench.Contracts;
using TorchSharp;

namespace Bench.Submissions.MultistageDataFiltering;

/// <summary>
/// The paper's three-stage streaming filter over the delivered batches, free of the harness: give it each batch, the step,
/// a per-example loss of the current model and a ledger, and it returns the rows to train.
/// <list type="bullet">
/// <item>Stage 0 (steps before <c>warmupSteps</c>): the batch is trained whole; the last warm-up batches (enough for
/// <c>threshold_window</c> examples) are scored and their losses fed to the moving average (<see cref="LossThreshold"/>),
/// which is frozen as the threshold when stage 0 ends.</item>
/// <item>Stage 1: every delivered example is scored; rows at or above the threshold are trained, the rest skipped. The
/// meta-predictor (<see cref="BernoulliNaiveBayes"/>) first predicts each row's label (hard: at or above), which gives its
/// log-loss on unseen rows, then learns them. When its mean log-loss over the last <c>meta_window</c> batches is at most
/// <c>meta_loss</c>, or when the second epoch begins (the reference's rule), stage 2 starts with the next batch.</item>
/// <item>Stage 2: rows the meta-predictor calls easy are dropped unscored (forward and backward skipped); the rest are
/// scored, filtered by the threshold and learned by the meta-predictor.</item>
/// </list>
/// A step always trains at least one row: the hardest scored one, or in stage 2 with every row called easy, the row the
/// meta-predictor rates likeliest hard (unscored).
/// </summary>
public sealed class MultistageFilter
{
    /// <summary>-log of the smallest probability the meta-predictor's log-loss counts (scikit-learn's clipping, 1e-15).</summary>
    public static readonly double MaxLogLoss = -Math.Log(1e-15);

    readonly MultistageDataFilteringHyperparameters h;
    readonly long warmupSteps;
    readonly long scoredFrom;
    readonly long epochExamples;
    readonly int padding;
    readonly double metaForwardEquivalents;
    readonly LossThreshold window;
    readonly Queue<double> metaLosses = new();
    long delivered;

    /// <param name="h">The hyperparameters.</param>
    /// <param name="warmupSteps">Steps of stage 0 (at least 1).</param>
    /// <param name="batchSize">Delivered examples a step: sets how many warm-up batches are scored for the threshold.</param>
    /// <param name="epochExamples">Examples of one pass over the training split; stage 2 starts at the second pass at the latest.</param>
    /// <param name="vocabulary">Token ids run from 0 to vocabulary − 1.</param>
    /// <param name="padding">The padding id, left out of the bag of words.</param>
    /// <param name="metaForwardEquivalents">The meta-predictor's cost for one example it predicts or learns, in forward-pass equivalents.</param>
    public MultistageFilter(MultistageDataFilteringHyperparameters h, long warmupSteps, int batchSize, long epochExamples, int vocabulary, int padding,
        double metaForwardEquivalents)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(warmupSteps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        this.h = h;
        this.warmupSteps = warmupSteps;
        this.epochExamples = epochExamples;
        this.padding = padding;
        this.metaForwardEquivalents = metaForwardEquivalents;
        window = new LossThreshold(h.ThresholdWindow);
        scoredFrom = Math.Max(0, warmupSteps - (h.ThresholdWindow + batchSize - 1) / batchSize);
        Predictor = new BernoulliNaiveBayes(vocabulary);
    }

    /// <summary>The stage the next batch is filtered in.</summary>
    public FilterStage Stage { get; private set; } = FilterStage.WarmUp;

    /// <summary>The frozen loss threshold; null during stage 0.</summary>
    public double? Threshold { get; private set; }

    /// <summary>The meta-predictor (hard = loss at or above the threshold).</summary>
    public BernoulliNaiveBayes Predictor { get; }

    /// <summary>The first step whose batch is scored for the threshold.</summary>
    public long ScoredFrom => scoredFrom;

    /// <summary>Delivered examples scored, removed from their step, and removed without a forward pass, so far.</summary>
    public (long Scored, long Skipped, long ForwardSkipped) Counts { get; private set; }

    /// <summary>
    /// The rows of <paramref name="batch"/> to train at step <paramref name="step"/> (the batch itself when all are kept;
    /// otherwise the kept rows with their targets and ids, in order). <paramref name="perExampleLoss"/> gives the current
    /// model's loss of each row of a batch ([rows]); it is called under <c>no_grad</c>. Bookings go to <paramref name="ledger"/>.
    /// </summary>
    public Batch Filter(Batch batch, long step, Func<Batch, torch.Tensor> perExampleLoss, IFilterLedger ledger)
    {
        var before = delivered;
        delivered += batch.Size;
        if (step < warmupSteps)
        {
            if (step >= scoredFrom) window.Add(Score(batch, perExampleLoss, ledger));
            return batch;
        }
        if (Stage == FilterStage.WarmUp)
        {
            // The window always holds the last warm-up batch (scoredFrom < warmupSteps); a filter that joined late scores now.
            if (window.Count == 0) window.Add(Score(batch, perExampleLoss, ledger));
            Threshold = window.Value;
            Stage = FilterStage.LossFilter;
        }
        if (Stage == FilterStage.LossFilter && before >= epochExamples) Stage = FilterStage.MetaFilter;
        var threshold = Threshold!.Value;
        var words = Words(batch);

        int[] kept;
        if (Stage == FilterStage.LossFilter)
        {
            var losses = Score(batch, perExampleLoss, ledger);
            // The whole batch is predicted before any of it is learned (partial_fit learns a batch at once): a log-loss on unseen rows.
            var hard = losses.Select(l => l >= threshold).ToArray();
            var logLoss = 0.0;
            for (var i = 0; i < batch.Size; i++)
            {
                var (pHard, pEasy) = Predictor.LogProbabilities(words[i]);
                logLoss += Math.Min(MaxLogLoss, -(hard[i] ? pHard : pEasy));
            }
            for (var i = 0; i < batch.Size; i++) Predictor.Learn(words[i], hard[i]);
            ledger.ChargeMetaPredictor(2 * batch.Size * metaForwardEquivalents);
            metaLosses.Enqueue(logLoss / batch.Size);
            if (metaLosses.Count > h.MetaWindow) metaLosses.Dequeue();
            if (metaLosses.Count == h.MetaWindow && metaLosses.Average() <= h.MetaLoss) Stage = FilterStage.MetaFilter;
            kept = LossThreshold.Kept(losses, threshold);
        }
        else
        {
            var forwarded = Enumerable.Range(0, batch.Size).Where(i => Predictor.PredictsHard(words[i])).ToArray();
            ledger.ChargeMetaPredictor(batch.Size * metaForwardEquivalents);
            Counts = Counts with { ForwardSkipped = Counts.ForwardSkipped + batch.Size - forwarded.Length };
            if (forwarded.Length == 0)
            {
                var likeliest = 0;
                var best = double.NegativeInfinity;
                for (var i = 0; i < batch.Size; i++)
                    if (Predictor.LogProbabilities(words[i]).Hard is var p && p > best) (likeliest, best) = (i, p);
                kept = [likeliest];
                Counts = Counts with { ForwardSkipped = Counts.ForwardSkipped - 1 };
            }
            else
            {
                var losses = Score(Rows(batch, forwarded), perExampleLoss, ledger);
                for (var j = 0; j < forwarded.Length; j++) Predictor.Learn(words[forwarded[j]], losses[j] >= threshold);
                ledger.ChargeMetaPredictor(forwarded.Length * metaForwardEquivalents);
                kept = [.. LossThreshold.Kept(losses, threshold).Select(j => forwarded[j])];
            }
        }
        ledger.SkipTraining(batch.Size - kept.Length);
        Counts = Counts with { Skipped = Counts.Skipped + batch.Size - kept.Length };
        return Rows(batch, kept);
    }

    float[] Score(Batch batch, Func<Batch, torch.Tensor> perExampleLoss, IFilterLedger ledger)
    {
        float[] losses;
        using (torch.no_grad())
            losses = perExampleLoss(batch).detach().to(torch.float32).cpu().data<float>().ToArray();
        if (losses.Length != batch.Size)
            throw new InvalidOperationException($"the per-example loss gave {losses.Length} values for a batch of {batch.Size}");
        ledger.ChargeScoring(batch.Size);
        Counts = Counts with { Scored = Counts.Scored + batch.Size };
        return losses;
    }

    int[][] Words(Batch batch)
    {
        var length = (int)batch.Inputs.shape[1];
        var tokens = batch.Inputs.to(torch.int64).cpu().data<long>().ToArray();
        return [.. Enumerable.Range(0, batch.Size).Select(i => BernoulliNaiveBayes.Words(tokens.AsSpan(i * length, length), padding))];
    }

    /// <summary>The rows <paramref name="rows"/> of <paramref name="batch"/> (ascending), targets and ids with them; the batch itself when all.</summary>
    public static Batch Rows(Batch batch, int[] rows)
    {
        if (rows.Length == batch.Size) return batch;
        using var index = torch.tensor(rows.Select(r => (long)r).ToArray(), device: batch.Inputs.device);
        return new Batch(batch.Inputs.index_select(0, index), batch.Targets.index_select(0, index.to(batch.Targets.device)))
        {
            ExampleIds = batch.ExampleIds is { } ids ? [.. rows.Select(r => ids[r])] : null,
        };
    }
}
