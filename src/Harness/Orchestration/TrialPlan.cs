using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bench.Contracts;
using Bench.Harness.Configuration;
using Bench.Harness.Results;
using Bench.Harness.Training;

namespace Bench.Harness.Orchestration;

/// <summary>
/// The resolved configuration of a run and its trials, written once by the parent and read by every trial process
/// (<c>repro trial --plan FILE --index I</c>): configuration flows one way, and a trial process depends on nothing
/// but the plan, so a cluster job array can run the same file. Both records are serialised whole, so a member added
/// to <see cref="BenchOptions"/> or <see cref="TrialSpec"/> reaches the trial without code here.
/// </summary>
public sealed record TrialPlan(BenchOptions Options, IReadOnlyList<TrialSpec> Trials)
{
    /// <summary>The plan format; a reader rejects a plan of another version with a clear message.</summary>
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// Writes the plan under <paramref name="store"/>'s <c>plans/</c> folder, named by its content's hash (the same
    /// plan is the same file, so resuming adds none), and returns the file's path.
    /// </summary>
    public string Write(ResultsStore store)
    {
        var json = JsonSerializer.Serialize(this, Json);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)), 0, 6).ToLowerInvariant();
        var path = Path.Combine(store.Root, "plans", $"plan-{hash}.json");
        AtomicFile.WriteAllText(path, json);
        return path;
    }

    /// <summary>Reads a plan written by <see cref="Write"/>; a missing or unreadable file is a <see cref="ConfigException"/>.</summary>
    public static TrialPlan Read(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"trial plan {path} does not exist. A run writes its plan under <results>/plans/.");
        TrialPlan? plan;
        try
        {
            plan = JsonSerializer.Deserialize<TrialPlan>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new ConfigException($"trial plan {path} is not a valid plan ({e.Message}). Rerun the command that wrote it.");
        }
        if (plan is null || plan.Options is null || plan.Trials is null)
            throw new ConfigException($"trial plan {path} is not a valid plan (no options or trials). Rerun the command that wrote it.");
        if (plan.Version != CurrentVersion)
            throw new ConfigException($"trial plan {path} has version {plan.Version}; this build reads version {CurrentVersion}. Rerun with this build.");
        return plan;
    }

    /// <summary>The trial at <paramref name="index"/>, or a <see cref="ConfigException"/> naming the valid range.</summary>
    public TrialSpec At(int index) =>
        index >= 0 && index < Trials.Count
            ? Trials[index]
            : throw new ConfigException($"--index {index} is outside the plan's {Trials.Count} trials (0 to {Trials.Count - 1}).");

    /// <summary>The position of <paramref name="spec"/> in the plan.</summary>
    public int IndexOf(TrialSpec spec)
    {
        for (var i = 0; i < Trials.Count; i++)
            if (Trials[i] == spec) return i;
        throw new InvalidOperationException($"trial {spec} is not in the plan");
    }
}
