using Bench.Contracts;

namespace Bench.Submissions.Common;

/// <summary>
/// The workloads a paper's submission is set up for (its hyperparameters are scaled to them); every other
/// workload gets a reason instead of a run with untested settings.
/// </summary>
public static class Applicability
{
    /// <summary>The embedded default workload (synthetic, no download), where the main job compares methods.</summary>
    public const string DefaultWorkload = "modadd";

    /// <summary>Null when <paramref name="workload"/> is one of <paramref name="natural"/>, otherwise the reason.</summary>
    public static string? Only(IWorkload workload, params string[] natural) =>
        natural.Contains(workload.Id) ? null
        : $"set up only for {string.Join(" and ", natural)} (the paper's natural workloads; see its card)";

    /// <summary>
    /// For workload-agnostic methods (an optimizer, a schedule, weight averaging) whose settings are relative to the
    /// workload's baseline recipe, so they carry over unchanged: the <paramref name="natural"/> workloads and the
    /// default workload, where the main job (`dotnet cake --target=Speedrun`) compares them with the baseline.
    /// </summary>
    public static string? NaturalOrDefault(IWorkload workload, params string[] natural) =>
        workload.Id == DefaultWorkload || natural.Contains(workload.Id) ? null
        : $"set up only for {string.Join(" and ", natural)} (the paper's natural workloads) and the default workload {DefaultWorkload}; see its card";
}
