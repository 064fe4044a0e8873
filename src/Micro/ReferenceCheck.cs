using Bench.Micro.Reports;

namespace Bench.Micro;

/// <summary>
/// The step after a benchmark run: compare the latest reports' ratios with the committed reference
/// (<see cref="MicroDrift"/>) and print a WARNING line for each that moved by more than 25%, or rewrite
/// the reference when asked. Never fails the run: short-job timings on a shared machine are noisy.
/// </summary>
public static class ReferenceCheck
{
    /// <summary>The command-line flag (not passed to BenchmarkDotNet) that rewrites the reference.</summary>
    public const string UpdateFlag = "--update-reference";

    /// <summary>The value of BenchmarkDotNet's --artifacts option, else its default folder.</summary>
    public static string ArtifactsFolder(IReadOnlyList<string> args)
    {
        var index = args.ToList().IndexOf("--artifacts");
        return index >= 0 && index + 1 < args.Count ? args[index + 1] : "BenchmarkDotNet.Artifacts";
    }

    /// <summary>Checks (or rewrites) <c>reference.csv</c> in <paramref name="folder"/> against its reports.</summary>
    public static void Run(string folder, bool update, TextWriter output)
    {
        var reports = MicroReports.Load(folder);
        var referencePath = Path.Combine(folder, MicroDrift.ReferenceFile);
        if (update)
        {
            File.WriteAllText(referencePath, MicroDrift.Format(reports.All));
            output.WriteLine($"wrote {reports.All.Count} reference ratios to {referencePath}");
            return;
        }
        if (!File.Exists(referencePath))
        {
            output.WriteLine($"no {referencePath}: ratios not checked (run with {UpdateFlag} to create it)");
            return;
        }
        var moved = MicroDrift.Moved(reports.All, MicroDrift.Read(File.ReadAllLines(referencePath)));
        output.WriteLine($"reference check: {reports.All.Count} ratios, {moved.Count} moved by more than " +
            $"{MicroDrift.DefaultThreshold:0%} from {referencePath}");
        foreach (var change in moved) output.WriteLine($"WARNING: {change}");
    }
}
