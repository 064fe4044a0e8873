using Bench.Harness.Configuration;
using Bench.Harness.Results;
using Bench.Harness.Statistics;

namespace Bench.Repro.Execution;

/// <summary>
/// The comparisons behind `list` and `show`: published rows (results/) and local ones
/// (artifacts/results), each compared with the baseline of the same machine.
/// </summary>
public sealed class MeasuredResults(IReadOnlyList<ComparisonRow> rows, IReadOnlyList<ComparisonRow> againstControls)
{
    /// <summary>Reads both results folders of <paramref name="options"/>; missing folders are empty.</summary>
    public static MeasuredResults Load(BenchOptions options)
    {
        // The newest row of each (trial, machine) over both folders: a local retry supersedes a published crash.
        var records = new ResultsStore(options.Published).ReadTrials()
            .Concat(new ResultsStore(options.Results).ReadTrials())
            .GroupBy(r => (r.Spec, r.MachineId, r.RunId))
            .Select(g => g.MaxBy(r => r.StartedUtc)!)
            .ToList();
        return new(Comparisons.Build(records), Comparisons.AgainstPaperControls(records));
    }

    /// <summary>Every comparison of a submission implementing <paramref name="paperId"/>, most seeds first.</summary>
    public IReadOnlyList<ComparisonRow> ForPaper(string paperId) =>
        [.. rows.Where(r => r.Paper == paperId).OrderByDescending(r => r.Seeds)];

    /// <summary>Submissions of <paramref name="paperId"/> against the paper's own control arm (empty for most papers).</summary>
    public IReadOnlyList<ComparisonRow> AgainstControlForPaper(string paperId) =>
        [.. againstControls.Where(r => r.Paper == paperId).OrderByDescending(r => r.Seeds)];
}
