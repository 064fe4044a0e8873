using Bench.Contracts.Torch;
using Bench.Harness.Torch;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Harness.Tests.Torch;

public class NativeLoadFixTests
{
    static string LibraryBesideTorchSharp()
    {
        var folder = Path.GetDirectoryName(typeof(torch).Assembly.Location)!;
        return Path.Combine(folder, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
    }

    [Fact]
    public void A_tensor_op_runs_after_setup()
    {
        _ = TorchFixture.Cpu;
        using var a = torch.ones(2, 3);
        using var b = torch.ones(3, 4);
        using var product = a.matmul(b);
        Assert.Equal(new long[] { 2, 4 }, product.shape);
        Assert.Equal(3f, product[1, 2].item<float>());
    }

    [Fact]
    public void The_version_tables_of_the_shipped_library_are_read()
    {
        if (!OperatingSystem.IsLinux()) return;
        var needs = ElfVersionNeeds.ReadNeeds(File.ReadAllBytes(LibraryBesideTorchSharp()));
        Assert.Contains(needs, n => n.Library == "libstdc++.so.6" && n.Version == "GLIBCXX_3.4.32");
        Assert.Contains(needs, n => n.Library.StartsWith("libc.so") && n.Version.StartsWith("GLIBC_2."));
    }

    [Fact]
    public void Patching_marks_exactly_the_missing_versions_weak_and_is_idempotent()
    {
        if (!OperatingSystem.IsLinux()) return;
        var copy = Path.Combine(Directory.CreateTempSubdirectory("bench-elf-").FullName, "lib.so");
        File.Copy(LibraryBesideTorchSharp(), copy);
        var original = ElfVersionNeeds.ReadNeeds(File.ReadAllBytes(copy));
        var available = original.Where(n => n.Library.StartsWith("libstdc++") && n.Version != "GLIBCXX_3.4.32" && n.Version != "GLIBCXX_3.4.99")
            .Select(n => n.Version).ToHashSet();
        // Clear the flag the machine's fix may already have set, to patch from the shipped state.
        var bytes = File.ReadAllBytes(copy);
        foreach (var n in original.Where(n => n.Version == "GLIBCXX_3.4.32")) bytes[n.FlagsOffset] &= unchecked((byte)~ElfVersionNeeds.WeakFlag);
        File.WriteAllBytes(copy, bytes);

        Assert.Equal(["GLIBCXX_3.4.32"], NativeLoadFix.Patch(copy, available));
        var patched = ElfVersionNeeds.ReadNeeds(File.ReadAllBytes(copy));
        Assert.True(patched.Single(n => n.Version == "GLIBCXX_3.4.32").Weak);
        Assert.Equal(original.Count(n => n.Weak) + (original.Single(n => n.Version == "GLIBCXX_3.4.32").Weak ? 0 : 1), patched.Count(n => n.Weak));
        Assert.Empty(NativeLoadFix.Patch(copy, available));
    }

    [Fact]
    public void A_library_whose_versions_are_all_available_is_left_untouched()
    {
        if (!OperatingSystem.IsLinux()) return;
        var copy = Path.Combine(Directory.CreateTempSubdirectory("bench-elf-").FullName, "lib.so");
        File.Copy(LibraryBesideTorchSharp(), copy);
        var before = File.ReadAllBytes(copy);
        var everything = ElfVersionNeeds.ReadNeeds(before).Select(n => n.Version).ToHashSet();

        Assert.Empty(NativeLoadFix.Patch(copy, everything));
        Assert.Equal(before, File.ReadAllBytes(copy));
    }

    [Fact]
    public void Not_an_elf_file_is_a_clear_error() =>
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.ReadNeeds(new byte[100]));
}
