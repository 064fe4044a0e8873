namespace Bench.Repro.Tests.Slurm;

/// <summary>Bad input for <c>--executor slurm</c> that needs no running Slurm: one error line, exit 2.</summary>
public sealed class SlurmInputTests : Bench.Tests.Shared.TempFolderTests
{
    [Fact]
    public void An_unknown_executor_is_exit_2_naming_the_valid_ones()
    {
        var (code, output) = ReproRunner.Run("speedrun", "--scale", "smoke", "--executor", "k8s", "--results", Folder);

        Assert.Equal(2, code);
        Assert.Contains("error: unknown executor 'k8s'. Valid executors: local, slurm.", output);
    }

    [Fact]
    public void In_process_and_slurm_together_are_exit_2()
    {
        var (code, output) = ReproRunner.Run("speedrun", "--scale", "smoke", "--seeds", "1", "--executor", "slurm", "--in-process", "--results", Folder);

        Assert.Equal(2, code);
        Assert.Contains("cannot be combined with --executor slurm", output);
    }

    [Fact]
    public void A_partition_that_is_not_a_Slurm_name_is_exit_2()
    {
        var (code, output) = ReproRunner.Run("speedrun", "--scale", "smoke", "--executor", "slurm", "--slurm-partition", "gpu;rm -rf", "--results", Folder);

        Assert.Equal(2, code);
        Assert.Contains("--slurm-partition must be a Slurm name", output);
    }

    [Fact]
    public void Missing_Slurm_commands_are_exit_2_before_any_trial()
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        // Only the dotnet host stays reachable; no Slurm command is.
        var empty = Directory.CreateDirectory(Path.Combine(Folder, "bin")).FullName;
        Environment.SetEnvironmentVariable("PATH", empty);
        try
        {
            var (code, output) = ReproRunner.Run("speedrun", "--scale", "smoke", "--seeds", "1", "--executor", "slurm", "--results", Path.Combine(Folder, "r"));

            Assert.Equal(2, code);
            Assert.Contains("was not found on PATH: --executor slurm needs the Slurm client commands", output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
    }
}
