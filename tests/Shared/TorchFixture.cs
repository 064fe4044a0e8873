using Bench.Harness.Torch;

namespace Bench.Tests.Shared;

/// <summary>Initialises TorchSharp once per test assembly (load fix, fixed thread count).</summary>
public static class TorchFixture
{
    static readonly Lazy<TorchSharp.torch.Device> Device = new(() => TorchSetup.Initialize("cpu", threads: 2));

    public static TorchSharp.torch.Device Cpu => Device.Value;
}
