using System.Runtime.InteropServices;

namespace Bench.Harness.Orchestration;

/// <summary>
/// Ends a trial process when the run that started it ends, however it ends (a kill -9 included), so no orphaned
/// trial keeps training beside a rerun. Linux: the kernel sends SIGKILL when the parent goes
/// (<c>prctl(PR_SET_PDEATHSIG)</c>); other Unix systems: a thread checks the parent once a second. Either way the
/// parent is checked once at start, for a parent that died before the signal was armed.
/// </summary>
public static class ParentWatch
{
    const int SetParentDeathSignal = 1; // PR_SET_PDEATHSIG
    const int Kill = 9; // SIGKILL

    [DllImport("libc", SetLastError = true)]
    static extern int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [DllImport("libc")]
    static extern int getppid();

    /// <summary>Call first in a trial process started by process <paramref name="parentPid"/>.</summary>
    public static void Start(int parentPid)
    {
        if (OperatingSystem.IsWindows()) return; // no parent-death signal or getppid; a job object would be needed
        var armed = OperatingSystem.IsLinux() && prctl(SetParentDeathSignal, Kill, 0, 0, 0) == 0;
        if (OperatingSystem.IsLinux() && !armed)
            Console.Error.WriteLine($"warning: prctl(PR_SET_PDEATHSIG) failed (errno {Marshal.GetLastPInvokeError()}); checking the " +
                "parent once a second instead");
        if (getppid() != parentPid) Stop();
        if (armed) return;
        new Thread(() =>
        {
            while (true)
            {
                Thread.Sleep(1000);
                if (getppid() != parentPid) Stop();
            }
        }) { IsBackground = true, Name = "parent watch" }.Start();
    }

    static void Stop()
    {
        Console.Error.WriteLine("the run that started this trial has ended; stopping the trial.");
        Environment.Exit(1);
    }
}
