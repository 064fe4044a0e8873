namespace Bench.Submissions.MultistageDataFiltering;

/// <summary>
/// Where the filter books its work: the delivered examples it removes from the step (their training is not charged), the
/// scoring forward passes it runs, and the meta-predictor's work in forward-pass equivalents. <see cref="StateLedger"/> books them on
/// the harness's <see cref="Bench.Contracts.TrainingState"/>; tests count them.
/// </summary>
public interface IFilterLedger
{
    /// <summary>Delivered examples removed from the step: seen, not trained.</summary>
    void SkipTraining(int examples);

    /// <summary>Forward passes over delivered examples to score them (each a third of an example's training).</summary>
    void ChargeScoring(int forwardExamples);

    /// <summary>The meta-predictor's work, in forward-pass equivalents of one example (FLOPs only: not extra examples).</summary>
    void ChargeMetaPredictor(double forwardEquivalents);
}
