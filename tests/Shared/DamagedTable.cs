namespace Bench.Tests.Shared;

/// <summary>The ways a trials.csv gets damaged (by hand edits, disk trouble, other tools), applied to a table whose rows are one line each.</summary>
public static class DamagedTable
{
    /// <summary>Each damage and the line it is reported at, for a table of a header and at least two rows.</summary>
    public static TheoryData<string, int> Kinds => new()
    {
        { "bad number", 3 }, { "short row", 3 }, { "bad status", 3 }, { "garbage line", 3 }, { "damaged header", 1 },
    };

    /// <summary>Damages the second row of <paramref name="path"/> (line 3), or its header.</summary>
    public static void Apply(string path, string kind)
    {
        var lines = File.ReadAllLines(path).ToList();
        var row = lines[2].Split(',');
        switch (kind)
        {
            case "bad number": row[8] = "1.2.5"; lines[2] = string.Join(",", row); break; // TimeToTargetSeconds
            case "short row": lines[2] = lines[2][..20]; break;
            case "bad status": row[5] = "Reachd"; lines[2] = string.Join(",", row); break;
            case "garbage line": lines.Insert(2, "\u0001\u0002 garbage ### ~~~"); break;
            case "damaged header": lines[0] = lines[0].Replace("Scale", "Sca1e", StringComparison.Ordinal); break;
            default: throw new ArgumentException($"unknown damage '{kind}'", nameof(kind));
        }
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
    }
}
