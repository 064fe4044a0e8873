using System.Globalization;

namespace Bench.Harness.Results;

/// <summary>
/// A lock file held open with <see cref="FileShare.None"/> (an OS lock: <c>flock</c> on Linux), so it is released
/// when its process ends, however it ends: a lock left by a killed run is simply taken over. The holder's process
/// id is written beside it (<c>&lt;lock&gt;.pid</c>), since a held lock file cannot be read by others.
/// </summary>
public sealed class ExclusiveLock : IDisposable
{
    readonly FileStream stream;

    ExclusiveLock(string path, FileStream stream)
    {
        Path = path;
        this.stream = stream;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>
    /// Takes the lock at <paramref name="path"/> (creating its folder), or returns null when another holder has it;
    /// <paramref name="owner"/> is then that holder's process id when it is known.
    /// </summary>
    public static ExclusiveLock? TryAcquire(string path, out int? owner)
    {
        owner = null;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            owner = ReadOwner(path);
            return null;
        }
        AtomicFile.WriteAllText(OwnerPath(path), Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        return new ExclusiveLock(path, stream);
    }

    /// <summary>The process id written by the lock's last holder, or null.</summary>
    static int? ReadOwner(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(OwnerPath(path)).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    static string OwnerPath(string path) => path + ".pid";

    public void Dispose() => stream.Dispose();
}
