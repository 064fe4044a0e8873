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

        torch.InitializeDeviceType(DeviceType.CUDA);
        if (!torch.cuda.is_available())
            throw new Configuration.ConfigException(
                $"device '{device}' was requested but CUDA is not available. Build with -p:BenchCuda=true on a machine with an NVIDIA GPU, or use --device cpu.");
        return new torch.Device(device);
    }

    /// <summary>Seeds every generator a trial uses (CPU and, when present, CUDA).</summary>
    public static void Seed(int seed)
    {
        torch.manual_seed(seed);
        if (torch.cuda.is_available()) torch.cuda.manual_seed_all(seed);
    }
}
