using Bench.Contracts;

namespace Bench.Submissions.MultistageDataFiltering;

/// <summary>
/// The filter's bookings on the harness's training state (the contract's data-selection hooks): the meta-predictor's work is
/// a predictor's scoring, so it is booked with <see cref="TrainingState.ChargeScoring"/> too (FLOPs, not examples).
/// </summary>
public sealed class StateLedger(TrainingState state) : IFilterLedger
{
    public void SkipTraining(int examples) => state.SkipTraining(examples);

    public void ChargeScoring(int forwardExamples) => state.ChargeScoring(forwardExamples);

    public void ChargeMetaPredictor(double forwardEquivalents) => state.ChargeScoring(forwardEquivalents);
}
