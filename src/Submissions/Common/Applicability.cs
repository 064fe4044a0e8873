using Bench.Harness.Contracts;

namespace Bench.Submissions.Common;

/// <summary>
/// The workloads a paper's submission is set up for (its hyperparameters are scaled to them); every other
/// workload gets a reason instead of a run with untested settings.
/// </summary>
public static class Applicability
{
    /// <summary>Null when <paramref name="workload"/> is one of <paramref name="natural"/>, otherwise the reason.</summary>
    public static string? Only(IWorkload workload, params string[] natural) =>
        natural.Contains(workload.Id) ? null
        : $"set up only for {string.Join(" and ", natural)} (the paper's natural workloads; see its card)";
}
