namespace Bench.Harness.Gate;

/// <summary>
/// The class of CPU the gate's exact reference holds for. Smoke-scale steps are deterministic on one class, but
/// libtorch picks its convolution kernels by instruction set: measured on 2026-11-29, the same commit gives the
/// CIFAR-10 baseline 60 steps on an AVX2-only EPYC and 80 on an AVX-512 one (every other workload matched). So each
/// class has its own reference, <c>results/reference/gate-smoke.&lt;class&gt;.csv</c>.
/// </summary>
public static class GateMachineClass
{
    /// <summary><c>avx512</c>, <c>avx2</c> or <c>generic</c>, from the CPU flags of this machine.</summary>
    public static string Current()
    {
        var flags = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) ?? ""
            : "";
        var set = flags.Split([' ', '\t', ':'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return set.Contains("avx512f") ? "avx512" : set.Contains("avx2") ? "avx2" : "generic";
    }

    /// <summary>The committed reference of <paramref name="machineClass"/> under repository <paramref name="root"/>.</summary>
    public static string ReferencePath(string root, string machineClass) =>
        Path.Combine(root, "results", "reference", $"gate-smoke.{machineClass}.csv");
}
