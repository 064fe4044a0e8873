namespace Bench.Harness.Training;

/// <summary>One trial to run: (workload, scale, submission, seed). Hardware comes from the environment.</summary>
public sealed record TrialSpec(string Workload, string Scale, string Submission, int Seed)
{
    /// <summary>Stable key used for file names and resume.</summary>
    public string Key => $"{Workload}/{Scale}/{Submission}/seed-{Seed}";

    public override string ToString() => $"{Workload} · {Scale} · {Submission} · seed {Seed}";
}
