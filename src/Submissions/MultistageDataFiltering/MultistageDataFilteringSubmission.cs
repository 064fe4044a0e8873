using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;
using TorchSharp;

namespace Bench.Submissions.MultistageDataFiltering;

/// <summary>
/// Multistage data filtering (Ouyang, Ansari, Lin and Ji, "Efficient NLP Model Finetuning via Multistage Data Filtering",
/// arXiv 2207.14386, IJCAI 2023) on a token classifier: after a warm-up of normal training, delivered examples whose loss
/// is below a threshold set automatically from the warm-up's losses are removed from the step (their backward pass is
/// skipped), and once a bag-of-words meta-predictor has learned which examples are easy, those it calls easy skip the
/// forward pass too (<see cref="MultistageFilter"/>). Everything else is the baseline's recipe. Scoring passes are charged
/// as forward passes, removed examples are not charged for training, the meta-predictor at its dense FLOPs.
/// </summary>
public sealed class MultistageDataFilteringSubmission : ISubmission
{
    /// <summary>Stage 0's share of the step budget: our choice (the reference takes it as a percentage on its command line).</summary>
    public const double WarmupFraction = 0.1;

    /// <summary>The threshold's moving-average window in examples: the reference's 16 batches of its 8 examples.</summary>
    public const int ThresholdWindow = 128;

    /// <summary>Batches over which the meta-predictor's log-loss is averaged: our choice (a command-line value in the reference).</summary>
    public const int MetaWindow = 16;

    /// <summary>The meta-predictor's mean log-loss (nats) at or below which stage 2 starts: our choice (a command-line value in the reference).</summary>
    public const double MetaLoss = 0.5;

    public string Id => "multistage-data-filtering";

    public string PaperId => "multistage-data-filtering";

    /// <summary>A small CNN trained from scratch stands in for finetuning a pretrained BERT-class model (see the card).</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string Description => "loss-threshold filtering after a 10% warm-up (easy examples skip the backward pass), then a naive Bayes " +
        "bag-of-words meta-predictor skips their forward pass; baseline recipe otherwise";

    public WorkloadApplicability AppliesTo => Applicability.Only("sst2");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults();

    static MultistageDataFilteringHyperparameters Defaults() => new();

    /// <summary>Stage 0's steps for a budget of <paramref name="stepBudget"/>: round(fraction x budget), at least 1.</summary>
    public static long WarmupSteps(long stepBudget, double warmupFraction) =>
        Math.Max(1, (long)Math.Round(warmupFraction * stepBudget, MidpointRounding.AwayFromZero));

    /// <summary>
    /// The meta-predictor's FLOPs for one example it predicts or learns, dense-equivalent: a two-class dot product over the
    /// vocabulary's presence features, 2 x 2 x vocabulary (its sparse work over a sentence's words is far less).
    /// </summary>
    public static double MetaFlopsPerExample(int vocabulary) => 4.0 * vocabulary;

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(Defaults);
        Check(h);
        var classifier = setup.Model as ITokenClassifier
            ?? throw new ConfigException($"multistage-data-filtering builds a bag of words from token ids ({nameof(ITokenClassifier)}); " +
                $"{setup.Model.GetName()} of {setup.WorkloadId} is not a token classifier. Use --workload sst2.");
        var inner = BaselineSubmission.WithRecipe(setup, setup.Baseline);
        var filter = new MultistageFilter(h, WarmupSteps(setup.Scale.Budget.MaxSteps, h.WarmupFraction), inner.BatchSize,
            setup.Data.TrainingSplit?.Size ?? long.MaxValue, classifier.Vocabulary, classifier.PaddingToken,
            MetaFlopsPerExample(classifier.Vocabulary) / (TrainingState.ForwardOnly * setup.Data.TrainFlopsPerExample));
        return new Method(inner, filter, setup.Data);
    }

    static void Check(MultistageDataFilteringHyperparameters h)
    {
        if (!(h.WarmupFraction > 0 && h.WarmupFraction < 1))
            throw new ConfigException($"multistage-data-filtering's warmup_fraction must be in (0, 1), got {h.WarmupFraction}: the share of the " +
                "step budget trained normally before filtering (stage 0; 0.1 the default)");
        if (h.ThresholdWindow < 1)
            throw new ConfigException($"multistage-data-filtering's threshold_window must be >= 1, got {h.ThresholdWindow}: the last warm-up " +
                "losses (examples) averaged into the threshold (128 the reference's)");
        if (h.MetaWindow < 1)
            throw new ConfigException($"multistage-data-filtering's meta_window must be >= 1, got {h.MetaWindow}: the batches over which the " +
                "meta-predictor's log-loss is averaged (16 the default)");
        if (!(h.MetaLoss > 0 && double.IsFinite(h.MetaLoss)))
            throw new ConfigException($"multistage-data-filtering's meta_loss must be a finite number > 0, got {h.MetaLoss}: the meta-predictor's " +
                "mean log-loss (nats) at or below which stage 2 starts (0.5 the default)");
    }

    /// <summary>
    /// The baseline's method with the delivered batch filtered before the harness's forward pass. Examples are scored in
    /// <c>eval()</c> mode (dropout off) and the training mode is restored after: see the card.
    /// </summary>
    sealed class Method(TrainingMethod inner, MultistageFilter filter, WorkloadAccess data) : MethodDecorator(inner)
    {
        public override Batch TransformBatch(Batch batch, TrainingState state) =>
            filter.Filter(base.TransformBatch(batch, state), state.Step, Score, new StateLedger(state));

        torch.Tensor Score(Batch batch)
        {
            var training = Model.training;
            Model.eval();
            try
            {
                return data.PerExampleLoss(Model, batch);
            }
            finally
            {
                Model.train(training);
            }
        }
    }
}
