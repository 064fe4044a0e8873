using TorchSharp;

namespace Bench.Contracts;

/// <summary>
/// What a workload needs to open a run: scale, seed, device, where datasets live, whether missing
/// files may be downloaded from their canonical URLs, and the dataset chosen with <c>--dataset</c>
/// (as <see cref="IWorkload.ResolveDataset"/> returned it: empty for the scale's own dataset).
/// </summary>
public sealed record RunContext(WorkloadScale Scale, int Seed, torch.Device Device, string DataRoot, bool AllowDownload = false, string Dataset = "");
