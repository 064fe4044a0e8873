namespace Bench.Contracts;

/// <summary>
/// The workloads a submission is set up for, declared as data (registry ids) rather than decided in code, so a test can
/// check every declared id against the workload registry and listings can show it. Every other workload gets a reason
/// instead of a run with untested settings.
/// </summary>
/// <param name="Natural">The paper's natural workloads; empty: every workload (the baseline).</param>
/// <param name="AlsoDefault">
/// For workload-agnostic methods (an optimizer, a schedule, weight averaging) whose settings are relative to the
/// workload's baseline recipe: the embedded default workload where the main job compares them; null: none.
/// </param>
public sealed record WorkloadApplicability(IReadOnlyList<string> Natural, string? AlsoDefault = null)
{
    /// <summary>Every workload.</summary>
    public static WorkloadApplicability Every { get; } = new([]);

    /// <summary>Every workload id the declaration names.</summary>
    public IEnumerable<string> Named => AlsoDefault is null ? Natural : [.. Natural, AlsoDefault];

    /// <summary>Null when <paramref name="workloadId"/> is declared, otherwise the reason.</summary>
    public string? ReasonAgainst(string workloadId)
    {
        if (Natural.Count == 0 || Named.Contains(workloadId)) return null;
        var natural = string.Join(" and ", Natural);
        return AlsoDefault is null
            ? $"set up only for {natural} (the paper's natural workloads; see its card)"
            : $"set up only for {natural} (the paper's natural workloads) and the default workload {AlsoDefault}; see its card";
    }
}
