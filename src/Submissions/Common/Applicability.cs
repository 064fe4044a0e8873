using Bench.Contracts;

namespace Bench.Submissions.Common;

/// <summary>
/// Declarations of the workloads a paper's submission is set up for (its hyperparameters are scaled to them), see
/// <see cref="WorkloadApplicability"/>.
/// </summary>
public static class Applicability
{
    /// <summary>The embedded default workload (synthetic, no download), where the main job compares methods.</summary>
    public const string DefaultWorkload = "modadd";

    /// <summary>Only the paper's <paramref name="natural"/> workloads.</summary>
    public static WorkloadApplicability Only(params string[] natural) => new(natural);

    /// <summary>
    /// For workload-agnostic methods whose settings are relative to the workload's baseline recipe, so they carry over
    /// unchanged: the <paramref name="natural"/> workloads and the default workload, where the main job
    /// (`dotnet cake --target=Speedrun`) compares them with the baseline.
    /// </summary>
    public static WorkloadApplicability NaturalOrDefault(params string[] natural) => new(natural, DefaultWorkload);
}
