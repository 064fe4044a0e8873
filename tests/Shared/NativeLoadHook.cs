using System.Runtime.CompilerServices;

namespace Bench.Tests.Shared;

/// <summary>Applies the TorchSharp native load fix when a test assembly loads, before any test makes a tensor.</summary>
static class NativeLoadHook
{
#pragma warning disable CA2255 // Test assemblies have no Main: the module initializer is the earliest hook.
    [ModuleInitializer]
    internal static void Apply() => Bench.Harness.Torch.NativeLoadFix.Apply();
#pragma warning restore CA2255
}
