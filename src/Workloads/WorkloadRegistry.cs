using Bench.Contracts;
using Bench.Workloads.Cifar10;
using Bench.Workloads.Cifar10Vit;
using Bench.Workloads.FashionMnist;
using Bench.Workloads.KgTranse;
using Bench.Workloads.ModAdd;
using Bench.Workloads.Sst2;
using Bench.Workloads.TinyShakespeare;

namespace Bench.Workloads;

/// <summary>Every workload the suite knows. An explicit list: adding a workload is one line here.</summary>
public static class WorkloadRegistry
{
    /// <summary>All workloads, in listing order.</summary>
    public static IReadOnlyList<IWorkload> All { get; } =
    [
        new ModAddWorkload(),
        new TinyShakespeareWorkload(),
        new FashionMnistWorkload(),
        new Cifar10Workload(),
        new Cifar10VitWorkload(),
        new KgTranseWorkload(),
        new Sst2Workload(),
    ];

    /// <summary>The workload with id <paramref name="id"/>; a clear error listing the valid ids otherwise.</summary>
    public static IWorkload Get(string id) =>
        All.FirstOrDefault(w => w.Id == id)
        ?? throw new ConfigException($"unknown workload '{id}'. Valid workloads: {string.Join(", ", All.Select(w => w.Id))}.");
}
