using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Bench.Harness.Orchestration;

/// <summary>
/// An exclusive <c>flock(2)</c> on a file taken by a blocking call (Linux only), released on dispose or when the process
/// dies: the lock the <c>flock</c> command takes. A waiter that polls with a non-blocking attempt loses every hand-over
/// to waiters blocked in the kernel (helpers' <c>flock FILE dotnet build</c>), and was seen waiting over ten minutes
/// behind them; a blocked waiter competes with them on equal terms.
/// </summary>
public sealed class BlockingFileLock : IDisposable
{
    // Linux's values: O_RDWR | O_CREAT, LOCK_EX, EINTR.
    const int ReadWriteCreate = 2 | 64;
    const int LockExclusive = 2;
    const int Interrupted = 4;

    int descriptor;

    BlockingFileLock(int descriptor) => this.descriptor = descriptor;

    /// <summary>True where the blocking lock is available (Linux); elsewhere callers poll.</summary>
    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>Waits until the lock on <paramref name="path"/> (created if missing, mode 0644) is held, then returns it.</summary>
    public static BlockingFileLock Acquire(string path)
    {
        if (!Supported) throw new PlatformNotSupportedException("a blocking flock needs Linux; poll with ExclusiveLock elsewhere");
        var fd = Open(path, ReadWriteCreate, Convert.ToInt32("644", 8));
        if (fd < 0) throw new IOException($"cannot open the lock file {path}", new Win32Exception(Marshal.GetLastPInvokeError()));
        while (Flock(fd, LockExclusive) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            if (error == Interrupted) continue;
            Close(fd);
            throw new IOException($"cannot lock {path}", new Win32Exception(error));
        }
        return new BlockingFileLock(fd);
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref descriptor, -1);
        // Closing the descriptor releases the lock.
        if (fd >= 0) Close(fd);
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    static extern int Flock(int fd, int operation);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    static extern int Close(int fd);
}
