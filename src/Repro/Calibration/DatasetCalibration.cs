using System.Text.Json;
using System.Text.Json.Serialization;
using Bench.Contracts;
using Bench.Harness.Results;

namespace Bench.Repro.Calibration;

/// <summary>
/// A calibration file (<c>&lt;results&gt;/calibrations/&lt;workload&gt;-&lt;scale&gt;-&lt;dataset&gt;.json</c>, written by
/// <c>repro calibrate</c>): the target for one workload, scale and dataset, with the evidence it came from (each seed's
/// values, the budget) and its provenance (the dataset's checksum, commit, machine). Runs on that dataset take its target
/// unless <c>--target</c> gives one; a file for another workload, scale or dataset content is never used.
/// </summary>
public sealed record DatasetCalibration
{
    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public string Workload { get; init; } = "";
    public string Scale { get; init; } = "";

    /// <summary>The dataset as the workload resolved it: empty for the scale's own data, a known name, or a folder's full path.</summary>
    public string Dataset { get; init; } = "";

    /// <summary>See <see cref="CalibrationStore.Checksum"/>: what the data was when calibrated; another value means other data.</summary>
    public string DatasetChecksum { get; init; } = "";

    public string Submission { get; init; } = "";
    public string Metric { get; init; } = "";
    public MetricDirection Direction { get; init; }
    public double Target { get; init; }

    /// <summary>For the scale's own data: the target the workload's code has (a calibration never changes it).</summary>
    public double? CurrentTarget { get; init; }

    /// <summary>The fraction of the step budget the target was read at, its step, and the worst seed's value there.</summary>
    public double Fraction { get; init; }
    public long Step { get; init; }
    public double Worst { get; init; }

    public long BudgetSteps { get; init; }
    public double BudgetSeconds { get; init; }
    public IReadOnlyList<SeedCalibration> Seeds { get; init; } = [];

    public string RunId { get; init; } = "";
    public string GitCommit { get; init; } = "";
    public string Cpu { get; init; } = "";
    public string MachineId { get; init; } = "";
    public int Threads { get; init; }
    public DateTime CreatedUtc { get; init; }

    /// <summary>The target as a person reads it, e.g. "mrr >= 0.53".</summary>
    [JsonIgnore]
    public string TargetText => new Target(Metric, Direction, Target).ToString();

    /// <summary>Writes the file atomically (a kill never leaves half a calibration).</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
    }

    /// <summary>Reads a calibration file; one that does not read is the user's to fix, named with its path.</summary>
    public static DatasetCalibration Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<DatasetCalibration>(File.ReadAllText(path), Json)
                   ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new ConfigException($"calibration file {path} does not read ({e.Message}); delete it or rerun 'repro calibrate'.");
        }
    }
}
