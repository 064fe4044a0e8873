using System.Runtime.CompilerServices;

namespace Bench.Micro;

/// <summary>
/// Applies the TorchSharp native load fix as soon as this assembly is touched, before any code in
/// it can create a tensor (see <see cref="Bench.Harness.Torch.NativeLoadFix"/>).
/// </summary>
static class NativeLoadHook
{
#pragma warning disable CA2255 // A module initializer is the only hook that runs before a tensor is made in every host.
    [ModuleInitializer]
    internal static void Apply() => Bench.Harness.Torch.NativeLoadFix.Apply();
#pragma warning restore CA2255
}
