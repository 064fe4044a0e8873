using Bench.Harness.Contracts;

namespace Bench.Harness.Training;

/// <summary>
/// One trial to run: (workload, scale, submission, seed) and the submission's resolved hyperparameters (empty: the
/// defaults, resolved by the runner; rows written before hyperparameters were recorded). Hardware comes from the environment.
/// </summary>
public sealed record TrialSpec(string Workload, string Scale, string Submission, int Seed)
{
    /// <summary>The submission's resolved hyperparameters (<see cref="Hyperparameters.None"/>: its defaults).</summary>
    public Hyperparameters Hyperparameters { get; init; } = Hyperparameters.None;

    /// <summary>Stable key used for file names and resume; trials that differ only in hyperparameters get their own folder.</summary>
    public string Key => Hyperparameters.IsEmpty
        ? $"{Workload}/{Scale}/{Submission}/seed-{Seed}"
        : $"{Workload}/{Scale}/{Submission}/hp-{Hyperparameters.Hash}/seed-{Seed}";

    public override string ToString() =>
        $"{Workload} · {Scale} · {Submission}{(Hyperparameters.IsEmpty ? "" : " · hp " + Hyperparameters.Hash)} · seed {Seed}";
}
