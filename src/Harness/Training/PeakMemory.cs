namespace Bench.Harness.Training;

/// <summary>Peak resident memory of this process, which includes libtorch's native allocations.</summary>
public static class PeakMemory
{
    /// <summary>VmHWM in MiB on Linux; the managed peak working set elsewhere.</summary>
    public static double Megabytes()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return double.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
            }
        }
        return System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
