using System.Runtime.CompilerServices;

namespace Bench.Contracts.Torch;

/// <summary>
/// Applies the TorchSharp native load fix as soon as an assembly is touched, before any code in it can create a
/// tensor (see <see cref="NativeLoadFix"/>). Module initializers run per assembly, so this one file is compiled into
/// every assembly that makes tensors: Contracts here, and linked by the other projects' .csproj files and by
/// tests/Directory.Build.props. A file-local class, so the copies never clash through InternalsVisibleTo.
/// </summary>
file static class NativeLoadHook
{
#pragma warning disable CA2255 // A module initializer is the only hook that runs before a tensor is made in every host (tests have no Main).
    [ModuleInitializer]
    internal static void Apply() => NativeLoadFix.Apply();
#pragma warning restore CA2255
}
