using Bench.Harness.Results;

namespace Bench.Harness.Gate;

/// <summary>
/// The deterministic part of a smoke trial that CI gates exactly: status, steps-to-target and
/// final metric. Seeded CPU runs repeat these bit for bit on the same machine class.
/// </summary>
[CsvHelper.CsvRecord]
public sealed partial record GateEntry
{
    public string Workload { get; init; } = "";
    public string Scale { get; init; } = "";
    public string Submission { get; init; } = "";
    public int Seed { get; init; }
    public string Status { get; init; } = "";
    public double StepsToTarget { get; init; }
    public double FinalMetric { get; init; }

    /// <summary>Identity of the trial the entry describes.</summary>
    public string Key => $"{Workload}/{Scale}/{Submission}/seed-{Seed}";

    public static GateEntry From(TrialRecord r) => new()
    {
        Workload = r.Workload,
        Scale = r.Scale,
        Submission = r.Submission,
        Seed = r.Seed,
        Status = r.Status.ToString(),
        StepsToTarget = r.StepsToTarget,
        FinalMetric = r.FinalMetric,
    };
}
