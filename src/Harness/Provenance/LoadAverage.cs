using System.Globalization;

namespace Bench.Harness.Provenance;

/// <summary>
/// The machine's load average (<c>/proc/loadavg</c>: runnable processes averaged over 1, 5 and 15 minutes),
/// recorded at a trial's start and end so a slow trial can be told apart from a loaded machine.
/// </summary>
public sealed record LoadAverage(double OneMinute, double FiveMinutes, double FifteenMinutes)
{
    /// <summary>The current load average, or null where the system does not publish <c>/proc/loadavg</c>.</summary>
    public static LoadAverage? Read()
    {
        try
        {
            return Parse(File.ReadAllText("/proc/loadavg"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Reads the first three fields of a <c>/proc/loadavg</c> line; null when they are not numbers.</summary>
    public static LoadAverage? Parse(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3) return null;
        var values = new double[3];
        for (var i = 0; i < 3; i++)
            if (!double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])) return null;
        return new LoadAverage(values[0], values[1], values[2]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{OneMinute:0.00} {FiveMinutes:0.00} {FifteenMinutes:0.00}");
}
