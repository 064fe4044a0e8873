using Bench.Tests.Shared;

namespace Bench.Repro.Tests.Commands;

public sealed class TuneCommandTests : TempFolderTests
{
    [Fact]
    public void Each_workload_tunes_into_its_own_folder_under_results()
    {
        var (code, output) = ReproRunner.Run("tune", "baseline", "--dry-run", "--workloads", "modadd,kg-transe", "--scale", "smoke",
            "--points", "1", "--results", Folder);

        Assert.Equal(0, code);
        var flat = output.Replace("\n", "", StringComparison.Ordinal);
        Assert.Contains(Path.Combine(Folder, "modadd"), flat);
        Assert.Contains(Path.Combine(Folder, "kg-transe"), flat);
    }
}
