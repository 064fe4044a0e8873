using Bench.Contracts;

namespace Bench.Submissions.MultistageDataFiltering;

/// <summary>The filter's bookings on the harness's training state (the contract's data-selection hooks).</summary>
public sealed class StateLedger(TrainingState state) : IFilterLedger
{
    public void SkipTraining(int examples) => state.SkipTraining(examples);

    public void ChargeScoring(int forwardExamples) => state.ChargeScoring(forwardExamples);

    public void Charge(double exampleEquivalents) => state.Charge(exampleEquivalents);
}
