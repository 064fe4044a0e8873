using Bench.Contracts;
using Bench.Harness.Results;
using Bench.Tests.Shared;

namespace Bench.Harness.Tests.Results;

public sealed class ExclusiveLockTests : TempFolderTests
{
    [Fact]
    public void A_held_lock_names_its_holder_and_is_free_again_once_released()
    {
        var path = Path.Combine(Folder, "locks", "run.lock");
        using (var held = ExclusiveLock.TryAcquire(path, out _))
        {
            Assert.NotNull(held);
            Assert.Null(ExclusiveLock.TryAcquire(path, out var owner));
            Assert.Equal(Environment.ProcessId, owner);
        }
        using var again = ExclusiveLock.TryAcquire(path, out _);
        Assert.NotNull(again);
    }

    [Fact]
    public void A_lock_file_left_by_a_dead_run_is_taken_over()
    {
        var path = Path.Combine(Folder, "locks", "run.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
        File.WriteAllText(path + ".pid", "999999\n");

        using var taken = ExclusiveLock.TryAcquire(path, out _);

        Assert.NotNull(taken);
        Assert.Equal($"{Environment.ProcessId}\n", File.ReadAllText(path + ".pid"));
    }

    [Fact]
    public void A_second_run_on_a_locked_folder_fails_naming_the_folder_and_the_owner()
    {
        var store = new ResultsStore(Folder);
        using var first = store.LockForRun();

        var error = Assert.Throws<ConfigException>(() => { using var second = store.LockForRun(); });

        Assert.Contains($"results folder {store.Root} is in use by another run (process {Environment.ProcessId})", error.Message);
    }

    [Fact]
    public void A_trial_being_run_cannot_be_started_twice()
    {
        var store = new ResultsStore(Folder);
        var spec = new Bench.Harness.Training.TrialSpec("w", "smoke", "s", 0);
        using var running = store.LockTrial(spec);

        Assert.Contains($"trial {spec} is already running in process {Environment.ProcessId}",
            Assert.Throws<ConfigException>(() => { using var second = store.LockTrial(spec); }).Message);
    }

    [Theory]
    [InlineData("/dev/null")]
    [InlineData("/dev/null/results")]
    public void A_path_that_cannot_be_a_writable_folder_fails_before_any_work(string path)
    {
        var error = Assert.Throws<ConfigException>(() => { using var held = new ResultsStore(path).LockForRun(); });
        Assert.StartsWith($"results folder {path} cannot be written", error.Message);
    }
}
