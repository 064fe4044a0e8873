using Bench.Harness.Provenance;
using Bench.Harness.Training;

namespace Bench.Harness.Results;

/// <summary>
/// One row of <c>trials.csv</c>: a finished trial, whatever its status. A trial that did not reach
/// the target has infinite time-, steps-, examples- and FLOPs-to-target, never a missing row.
/// </summary>
[CsvHelper.CsvRecord]
public sealed partial record TrialRecord
{
    public string Workload { get; init; } = "";
    public string Scale { get; init; } = "";
    public string Submission { get; init; } = "";
    public string Paper { get; init; } = "";
    public int Seed { get; init; }
    public TrialStatus Status { get; init; }
    public string Metric { get; init; } = "";
    public double Target { get; init; }
    public double TimeToTargetSeconds { get; init; } = double.PositiveInfinity;
    public double StepsToTarget { get; init; } = double.PositiveInfinity;
    public double ExamplesToTarget { get; init; } = double.PositiveInfinity;
    public double FlopsToTarget { get; init; } = double.PositiveInfinity;
    public double FinalMetric { get; init; } = double.NaN;
    public double BestMetric { get; init; } = double.NaN;
    public long Steps { get; init; }
    public long Examples { get; init; }
    public double TrainSeconds { get; init; }
    public double EvalSeconds { get; init; }
    public double PeakMemoryMb { get; init; }
    public string MachineId { get; init; } = "";
    public string Cpu { get; init; } = "";
    public int Threads { get; init; }
    public string Device { get; init; } = "";
    public string Gpu { get; init; } = "";
    public string Os { get; init; } = "";
    public string DotNet { get; init; } = "";
    public string TorchSharp { get; init; } = "";
    public string LibTorch { get; init; } = "";
    public string GitCommit { get; init; } = "";
    public DateTime StartedUtc { get; init; }
    public string Error { get; init; } = "";

    /// <summary>The submission's resolved hyperparameters as canonical JSON; empty in rows written before they were recorded.</summary>
    [CsvHelper.CsvColumn(Optional = true)]
    public string Hparams { get; init => field = value ?? ""; } = "";

    /// <summary>Short hash of <see cref="Hparams"/>: rows with different hashes are different arms, never pooled.</summary>
    [CsvHelper.CsvColumn(Optional = true)]
    public string HparamsHash { get; init => field = value ?? ""; } = "";

    /// <summary>
    /// The run (trial plan) that produced the row: speedups compare a submission only with the baseline of the same run.
    /// Empty in rows written before runs were recorded.
    /// </summary>
    [CsvHelper.CsvColumn(Optional = true)]
    public string RunId { get; init => field = value ?? ""; } = "";

    /// <summary>
    /// The dataset (<c>--dataset</c>): empty for the workload's own dataset at the row's scale (and in rows written before
    /// datasets were recorded), else a known name or the full path of the user's folder. Rows of different datasets are never pooled.
    /// </summary>
    [CsvHelper.CsvColumn(Optional = true)]
    public string Dataset { get; init => field = value ?? ""; } = "";

    /// <summary>
    /// The host the trial ran on (a Slurm task's node, else this machine's name); empty in rows written before it was recorded.
    /// With <see cref="JobId"/> and <see cref="ArrayIndex"/> it says where a cluster row came from, beside the fingerprint.
    /// </summary>
    [CsvHelper.CsvColumn(Optional = true)]
    public string Node { get; init => field = value ?? ""; } = "";

    /// <summary>The Slurm job (array job id) that ran the trial; empty for a trial run on this machine.</summary>
    [CsvHelper.CsvColumn(Optional = true)]
    public string JobId { get; init => field = value ?? ""; } = "";

    /// <summary>The trial's Slurm array task id (its index in the job's plan); empty for a trial run on this machine.</summary>
    [CsvHelper.CsvColumn(Optional = true)]
    public string ArrayIndex { get; init => field = value ?? ""; } = "";

    /// <summary>
    /// Seconds of <see cref="TrainSeconds"/> spent drawing batches from the method's source (reading, decoding, augmenting,
    /// collating): the data-assembly share of training. NaN in rows written before it was recorded.
    /// </summary>
    [CsvHelper.CsvColumn(Optional = true)]
    public double DataSeconds { get; init; } = double.NaN;

    /// <summary>Delivered examples the method left out of its steps (data selection); 0 in rows written before it was recorded.</summary>
    [CsvHelper.CsvColumn(Optional = true)]
    public long ExamplesSkipped { get; init; }

    /// <summary>The (workload, scale, submission, seed, hyperparameters, dataset) this row answers.</summary>
    public TrialSpec Spec => new(Workload, Scale, Submission, Seed) { Hyperparameters = Contracts.Hyperparameters.Parse(Hparams), Dataset = Dataset,
        // On other data the row's target is the user's (--target) or NaN; on the default data it is the calibration's, not part of the spec.
        Target = Dataset.Length > 0 && !double.IsNaN(Target) ? Target : null };

    /// <summary>True when the trial reached its target.</summary>
    public bool Reached => Status == TrialStatus.Reached;

    /// <summary>Copies the fingerprint's fields into the row.</summary>
    public TrialRecord WithEnvironment(EnvironmentFingerprint environment) => this with
    {
        MachineId = environment.MachineId,
        Cpu = environment.Cpu,
        Threads = environment.Threads,
        Device = environment.Device,
        Gpu = environment.Gpu,
        Os = environment.Os,
        DotNet = environment.DotNet,
        TorchSharp = environment.TorchSharp,
        LibTorch = environment.LibTorch,
        GitCommit = environment.GitCommit,
    };

    /// <summary>Records where the trial ran.</summary>
    public TrialRecord WithPlacement(TrialPlacement placement) => this with { Node = placement.Node, JobId = placement.JobId,
        ArrayIndex = placement.ArrayIndex };

    /// <summary>A row for a trial that produced no result of its own (crash, timeout).</summary>
    public static TrialRecord Failed(TrialSpec spec, string paper, TrialStatus status, string error, DateTime startedUtc) => new()
    {
        Workload = spec.Workload,
        Scale = spec.Scale,
        Submission = spec.Submission,
        Paper = paper,
        Seed = spec.Seed,
        Hparams = spec.Hyperparameters.IsEmpty ? "" : spec.Hyperparameters.Json,
        HparamsHash = spec.Hyperparameters.Hash,
        Dataset = spec.Dataset,
        Target = spec.Dataset.Length > 0 ? spec.Target ?? double.NaN : 0,
        Status = status,
        StartedUtc = startedUtc,
        Error = error,
    };
}
