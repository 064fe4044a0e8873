using Bench.Harness.Provenance;

namespace Bench.Harness.Results;

/// <summary>Written beside every trial: its row, the resolved configuration and the environment.</summary>
public sealed record TrialManifest(
    TrialRecord Record,
    IReadOnlyDictionary<string, string?> Configuration,
    EnvironmentFingerprint Environment)
{
    /// <summary>
    /// What data the trial read (files, checksums, decoder and version), as its workload describes it; null if it does not.
    /// (The data root is <c>Configuration["Data"]</c>.)
    /// </summary>
    public string? Dataset { get; init; }

    /// <summary>Where the trial's wall time went: the clock's seconds and what it leaves out (null in manifests written before).</summary>
    public Training.TrialWallTime? WallTime { get; init; }

    /// <summary>The machine's load average when the trial started (null where the system does not publish it).</summary>
    public LoadAverage? LoadAtStart { get; init; }

    /// <summary>The machine's load average when the trial ended.</summary>
    public LoadAverage? LoadAtEnd { get; init; }
}
