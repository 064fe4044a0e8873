namespace Bench.Repro.Publishing;

/// <summary>
/// One submission's standing at one scale across workloads: AlgoPerf area scores against the frozen
/// reference (time on the reference's machine, steps anywhere), the geometric-mean speedup over the
/// workloads it was measured on (against the baseline of the same run), and its profile curves.
/// </summary>
public sealed record LeaderboardRow(
    string Scale,
    string Submission,
    string Paper,
    int Measured,
    int Reached,
    int Workloads,
    double AreaTime,
    double AreaSteps,
    double GeomeanTime,
    double GeomeanSteps,
    IReadOnlyList<double> ProfileTime,
    IReadOnlyList<double> ProfileSteps);
