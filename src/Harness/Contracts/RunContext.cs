using TorchSharp;

namespace Bench.Harness.Contracts;

/// <summary>
/// What a workload needs to open a run: scale, seed, device, where datasets live and whether missing
/// files may be downloaded from their canonical URLs.
/// </summary>
public sealed record RunContext(WorkloadScale Scale, int Seed, torch.Device Device, string DataRoot, bool AllowDownload = false);
