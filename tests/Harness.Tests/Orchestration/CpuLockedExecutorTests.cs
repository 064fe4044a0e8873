using Bench.Harness.Orchestration;
using Bench.Harness.Results;
using Bench.Harness.Training;
using Bench.Tests.Shared;

namespace Bench.Harness.Tests.Orchestration;

public sealed class CpuLockedExecutorTests : TempFolderTests
{
    static readonly TrialSpec Spec = new("w", "smoke", "s", 0);

    /// <summary>Records whether the CPU lock was free to others while it ran, i.e. whether the trial really held it.</summary>
    sealed class ProbingExecutor(string lockPath) : ITrialExecutor
    {
        public int Runs { get; private set; }

        public bool LockWasHeldDuringRun { get; private set; }

        public TrialRecord Execute(TrialSpec spec, Action<TrialProgress> onProgress)
        {
            Runs++;
            using var other = ExclusiveLock.TryAcquire(lockPath, out _);
            LockWasHeldDuringRun = other is null;
            return new TrialRecord { Workload = spec.Workload, Scale = spec.Scale, Submission = spec.Submission, Seed = spec.Seed,
                Status = TrialStatus.Reached };
        }
    }

    [Fact]
    public void A_trial_holds_the_lock_while_it_runs_and_releases_it_after()
    {
        var path = Path.Combine(Folder, "cpu.lock");
        var inner = new ProbingExecutor(path);

        new CpuLockedExecutor(inner, path, _ => { }).Execute(Spec, _ => { });

        Assert.Equal(1, inner.Runs);
        Assert.True(inner.LockWasHeldDuringRun);
        using var after = ExclusiveLock.TryAcquire(path, out _);
        Assert.NotNull(after);
    }

    [Fact]
    public async Task A_trial_waits_for_a_held_lock_and_says_so()
    {
        var path = Path.Combine(Folder, "cpu.lock");
        var inner = new ProbingExecutor(path);
        var said = new List<string>();
        var holder = ExclusiveLock.TryAcquire(path, out _)!;
        var executor = new CpuLockedExecutor(inner, path, line => { lock (said) said.Add(line); }, TimeSpan.FromMilliseconds(10));

        var trial = Task.Run(() => executor.Execute(Spec, _ => { }));
        SpinWait.SpinUntil(() => { lock (said) return said.Count > 0; }, TimeSpan.FromSeconds(10));
        Assert.Equal(0, inner.Runs);
        holder.Dispose();
        await trial.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, inner.Runs);
        Assert.Contains("waiting for the CPU lock", Assert.Single(said));
    }

    [Fact]
    public async Task On_linux_a_waiting_trial_blocks_on_the_lock_itself_and_takes_it_when_the_flock_holder_lets_go()
    {
        if (!BlockingFileLock.Supported) return;
        var path = Path.Combine(Folder, "cpu.lock");
        var inner = new ProbingExecutor(path);
        // A poll interval longer than the test: only a blocked wait can take the lock in time.
        var executor = new CpuLockedExecutor(inner, path, _ => { }, TimeSpan.FromHours(1));
        var holder = BlockingFileLock.Acquire(path);

        var trial = Task.Run(() => executor.Execute(Spec, _ => { }));
        await Task.Delay(200);
        Assert.Equal(0, inner.Runs);
        holder.Dispose();
        await trial.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, inner.Runs);
        Assert.True(inner.LockWasHeldDuringRun);
    }

    [Fact]
    public void A_blocking_lock_excludes_the_polling_lock_and_is_released_on_dispose()
    {
        if (!BlockingFileLock.Supported) return;
        var path = Path.Combine(Folder, "cpu.lock");

        using (BlockingFileLock.Acquire(path))
        {
            using var other = ExclusiveLock.TryAcquire(path, out _);
            Assert.Null(other);
        }
        using var after = ExclusiveLock.TryAcquire(path, out _);
        Assert.NotNull(after);
    }
}
