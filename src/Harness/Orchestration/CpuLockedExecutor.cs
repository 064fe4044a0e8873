using Bench.Harness.Results;
using Bench.Harness.Training;

namespace Bench.Harness.Orchestration;

/// <summary>
/// Holds an exclusive lock on a file (<c>--cpu-lock</c>) for the whole of each trial, so nothing else that honours the
/// lock (a build, a test run, another campaign: <c>flock FILE dotnet build</c>) runs while a trial is timed. The lock is
/// taken per trial, not per run, so such work slips in between trials instead of waiting for the whole campaign.
/// </summary>
/// <remarks>
/// The lock is an OS lock (<see cref="ExclusiveLock"/>: <c>flock</c> on Linux, the same lock the <c>flock</c> command
/// takes), released when the trial ends or the process dies. A trial that finds it held waits blocked in the kernel on
/// Linux (<see cref="BlockingFileLock"/>), like the <c>flock</c> command, and polls every <c>pollInterval</c> elsewhere. Waiting is off the clock: a
/// trial's timer starts in its own
/// process after the lock is held.
/// </remarks>
public sealed class CpuLockedExecutor(ITrialExecutor inner, string lockPath, Action<string> say, TimeSpan? pollInterval = null) : ITrialExecutor
{
    readonly TimeSpan poll = pollInterval ?? TimeSpan.FromSeconds(1);

    public TrialRecord Execute(TrialSpec spec, Action<TrialProgress> onProgress)
    {
        using var held = Acquire(spec);
        return inner.Execute(spec, onProgress);
    }

    IDisposable Acquire(TrialSpec spec)
    {
        // The holder's pid file is not reliable here: the flock command takes the lock without writing it.
        if (ExclusiveLock.TryAcquire(lockPath, out _) is { } free) return free;
        say($"{spec.Key}: waiting for the CPU lock {lockPath}");
        // Block in the kernel where we can: polling loses every hand-over to `flock` commands already blocked there.
        if (BlockingFileLock.Supported) return BlockingFileLock.Acquire(lockPath);
        while (true)
        {
            Thread.Sleep(poll);
            if (ExclusiveLock.TryAcquire(lockPath, out _) is { } taken) return taken;
        }
    }
}
