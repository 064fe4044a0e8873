using Bench.Submissions.MultistageDataFiltering;

namespace Bench.Submissions.Tests.MultistageDataFiltering;

/// <summary>Records every booking the filter makes.</summary>
public sealed class CountingLedger : IFilterLedger
{
    public List<int> Skipped { get; } = [];
    public List<int> Scored { get; } = [];
    public List<double> Charged { get; } = [];

    public void SkipTraining(int examples) => Skipped.Add(examples);

    public void ChargeScoring(int forwardExamples) => Scored.Add(forwardExamples);

    public void ChargeMetaPredictor(double forwardEquivalents) => Charged.Add(forwardEquivalents);

    public void Clear()
    {
        Skipped.Clear();
        Scored.Clear();
        Charged.Clear();
    }
}
