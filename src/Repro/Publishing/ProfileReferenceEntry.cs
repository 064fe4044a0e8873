namespace Bench.Repro.Publishing;

/// <summary>
/// One frozen reference point of the performance profiles: the baseline's median time- and
/// steps-to-target on (workload, scale), with the machine and commits of the rows it came from.
/// </summary>
[CsvHelper.CsvRecord]
public sealed partial record ProfileReferenceEntry
{
    public string Workload { get; init; } = "";
    public string Scale { get; init; } = "";
    public string MachineId { get; init; } = "";
    public int Seeds { get; init; }
    public double MedianSeconds { get; init; }
    public double MedianSteps { get; init; }
    public string Commits { get; init; } = "";
}
