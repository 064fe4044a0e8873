namespace Bench.Micro.Reports;

/// <summary>
/// One row of a BenchmarkDotNet report read back: a candidate method against its class's baseline method
/// for one parameter set, from the latest report of <see cref="Benchmark"/>.
/// </summary>
/// <param name="Benchmark">The benchmark class's full name (namespace and type).</param>
/// <param name="Parameters">BenchmarkDotNet's parameter string, e.g. <c>Graph=UMLS</c> (empty without params).</param>
/// <param name="Baseline">The method marked <c>Baseline = true</c>.</param>
/// <param name="BaselineMeanNs">Its mean time per operation, nanoseconds.</param>
/// <param name="Candidate">The method compared with it.</param>
/// <param name="CandidateMeanNs">Its mean time per operation, nanoseconds.</param>
/// <param name="ReportDate">When the report was written (UTC, from its title).</param>
/// <param name="PaperIds">The papers whose mechanism the class measures.</param>
public sealed record MicroComparison(
    string Benchmark, string Parameters, string Baseline, double BaselineMeanNs, string Candidate, double CandidateMeanNs,
    DateTime ReportDate, IReadOnlyList<string> PaperIds)
{
    /// <summary>Candidate time / baseline time, BenchmarkDotNet's Ratio convention (computed from the means).</summary>
    public double Ratio => CandidateMeanNs / BaselineMeanNs;

    /// <summary>Baseline time / candidate time: the "Nx faster" a paper claims.</summary>
    public double Speedup => BaselineMeanNs / CandidateMeanNs;

    /// <summary>The class name without its namespace.</summary>
    public string ShortName => Benchmark[(Benchmark.LastIndexOf('.') + 1)..];

    /// <summary>Identifies the row across runs: class, candidate method and parameters.</summary>
    public string Key => $"{Benchmark}|{Candidate}|{Parameters}";
}
