namespace Bench.Repro.Transfer;

/// <summary>
/// The downstream budget and optimizer of a transfer: AdamW over <see cref="Steps"/> steps of <see cref="BatchSize"/>
/// examples, linear warmup over <see cref="WarmupFraction"/> of them and cosine decay to zero (the baseline's schedule).
/// </summary>
public sealed record TransferSettings(int Steps, int BatchSize, double LearningRate, double WeightDecay, double WarmupFraction);
