using Bench.Harness.Results;
using Bench.Harness.Statistics;
using Bench.Harness.Training;

namespace Bench.Repro.Execution;

/// <summary>
/// The timing part of the gate, as dotnet/performance compares a base and a diff build: for each
/// (workload, submission) at smoke scale, seed 0, the base build and this build run alternately
/// (base first on even repetitions, candidate first on odd ones, so drift in machine load falls on both
/// arms), and the time-to-target samples go to <see cref="TimingDecision"/> (Mann-Whitney TOST against a
/// relative threshold and an absolute noise floor). Only <see cref="TimingConclusion.Slower"/> fails.
/// Seeded smoke runs take the same steps every time, so the samples differ only in speed.
/// </summary>
public static class TimingGate
{
    public const string Base = "base", Candidate = "candidate";

    /// <summary>
    /// Runs <paramref name="repetitions"/> interleaved pairs per spec; <paramref name="run"/> executes one
    /// trial of an arm (<see cref="Base"/> or <see cref="Candidate"/>) for a repetition and returns its row.
    /// </summary>
    public static IReadOnlyList<TimingGateResult> Run(IReadOnlyList<TrialSpec> specs, int repetitions, Func<string, TrialSpec, int, TrialRecord> run,
        double relativeThreshold, double noiseSeconds)
    {
        var results = new List<TimingGateResult>();
        foreach (var spec in specs)
        {
            var times = new Dictionary<string, List<double>> { [Base] = [], [Candidate] = [] };
            for (var rep = 0; rep < repetitions; rep++)
                foreach (var arm in rep % 2 == 0 ? new[] { Base, Candidate } : [Candidate, Base])
                    times[arm].Add(run(arm, spec, rep).TimeToTargetSeconds);
            results.Add(new TimingGateResult(spec.Workload, spec.Submission, times[Base], times[Candidate],
                TimingDecision.Compare(times[Base], times[Candidate], relativeThreshold, noiseSeconds)));
        }
        return results;
    }
}
