using Bench.Harness.Statistics;

namespace Bench.Repro.Execution;

/// <summary>The timing gate's outcome for one (workload, submission): both arms' times and the decision.</summary>
public sealed record TimingGateResult(string Workload, string Submission, IReadOnlyList<double> BaseSeconds, IReadOnlyList<double> CandidateSeconds,
    TimingDecision Decision);
