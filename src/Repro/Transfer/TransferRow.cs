using System.Globalization;

namespace Bench.Repro.Transfer;

/// <summary>One (seed, upstream arm, transfer mode) of the study: a line of <c>transfer.csv</c>.</summary>
public sealed record TransferRow(
    int Seed,
    string UpstreamArm,
    double TargetSparsity,
    double Sparsity,
    string Scale,
    long UpstreamSteps,
    double UpstreamAccuracy,
    double UpstreamSeconds,
    string Transfer,
    long DownstreamSteps,
    int DownstreamTrainExamples,
    double DownstreamAccuracy,
    double DownstreamSparsity,
    double DownstreamSeconds)
{
    /// <summary>The CSV header, in the order of the record's fields.</summary>
    public const string Header = "seed,upstream_arm,target_sparsity,sparsity,scale,upstream_steps,upstream_accuracy,upstream_seconds,transfer," +
        "downstream_steps,downstream_train_examples,downstream_accuracy,downstream_sparsity,downstream_seconds";

    /// <summary>The row as one CSV line (invariant culture; no field holds a comma).</summary>
    public string ToCsv() => string.Join(",", new object[]
    {
        Seed, UpstreamArm, TargetSparsity, Sparsity, Scale, UpstreamSteps, UpstreamAccuracy, UpstreamSeconds, Transfer, DownstreamSteps,
        DownstreamTrainExamples, DownstreamAccuracy, DownstreamSparsity, DownstreamSeconds,
    }.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));

    /// <summary>The CSV name of <paramref name="mode"/>.</summary>
    public static string Name(TransferMode mode) => mode == TransferMode.LinearProbe ? "linear-probe" : "full-finetune";
}
