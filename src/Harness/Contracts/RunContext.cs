using TorchSharp;

namespace Bench.Harness.Contracts;

/// <summary>What a workload needs to open a run: scale, seed, device and where datasets live.</summary>
public sealed record RunContext(WorkloadScale Scale, int Seed, torch.Device Device, string DataRoot);
