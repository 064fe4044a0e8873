using Bench.Contracts;
using Bench.Contracts.Torch;
using TorchSharp;

namespace Bench.Harness.Torch;

/// <summary>
/// The one place a process prepares TorchSharp: the native load fix, the thread count and the device.
/// Everything that touches tensors (tool, trials, tests, benchmarks) calls <see cref="Initialize"/> first.
/// </summary>
public static class TorchSetup
{
    /// <summary>Applies the load fix, fixes the intra-op thread count and returns the device to train on.</summary>
    /// <param name="device"><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</param>
    /// <param name="threads">Intra-op threads; 0 keeps libtorch's default.</param>
    public static torch.Device Initialize(string device = "cpu", int threads = 0)
    {
        NativeLoadFix.Apply();
        if (threads > 0 && torch.get_num_threads() != threads) torch.set_num_threads(threads);
        if (!device.StartsWith("cuda", StringComparison.Ordinal)) return torch.CPU;
        if (DeviceProblem(device, "--device") is { } problem) throw new ConfigException(problem);
        return new torch.Device(device);
    }

    /// <summary>
    /// Why <paramref name="device"/> cannot be used by this build on this machine, or null when it can.
    /// <paramref name="source"/> names where the value came from (<c>--device</c>, <c>BENCH_DEVICE</c>).
    /// A CPU build answers without loading libtorch, so a bad choice is reported before any work.
    /// </summary>
    public static string? DeviceProblem(string device, string source)
    {
        if (!device.StartsWith("cuda", StringComparison.Ordinal)) return null;
#if TORCHSHARP_CUDA
        NativeLoadFix.Apply();
        try
        {
            torch.InitializeDeviceType(DeviceType.CUDA);
        }
        catch (InvalidOperationException)
        {
            // TorchSharp throws when the CUDA backend does not load (no driver); is_available() below says why.
        }
        if (!torch.cuda.is_available())
            return $"{source} {device}: CUDA is not available on this machine (no NVIDIA GPU or driver found). Use --device cpu.";
        var index = device.Length > "cuda:".Length ? int.Parse(device["cuda:".Length..], System.Globalization.CultureInfo.InvariantCulture) : 0;
        var count = torch.cuda.device_count();
        return index < count ? null : $"{source} {device}: this machine has {count} CUDA device(s), numbered 0 to {count - 1}.";
#else
        return $"{source} {device}: this is a CPU build (TorchSharp-cpu), which cannot use CUDA. Build with 'dotnet build -p:BenchCuda=true' on a machine " +
            "with an NVIDIA GPU, or use --device cpu.";
#endif
    }

    /// <summary>Seeds every generator a trial uses (CPU and, when present, CUDA).</summary>
    public static void Seed(int seed)
    {
        torch.manual_seed(seed);
        if (torch.cuda.is_available()) torch.cuda.manual_seed_all(seed);
    }
}
