using Bench.Harness.Statistics;

namespace Bench.Repro.Publishing;

/// <summary>
/// Which of a paper's comparisons the papers table shows: the best-measured arm of the paper's own method. A paper's
/// control arm (<see cref="Submissions.SubmissionRegistry.PaperControls"/>: the data-limited or many-epochs arm the paper
/// measures its method against) is never the paper's headline; among the method's arms the one named after the paper
/// comes first at equal seeds.
/// </summary>
public static class PaperHeadline
{
    /// <summary>The headline comparison of <paramref name="paperId"/>, or null when none of its method's arms was measured.</summary>
    public static ComparisonRow? Choose(string paperId, IEnumerable<ComparisonRow> comparisons, IEnumerable<string> controls)
    {
        var controlIds = controls.ToHashSet(StringComparer.Ordinal);
        return comparisons.Where(c => c.Paper == paperId && !c.IsReference && !controlIds.Contains(c.Submission))
            .OrderByDescending(c => c.Seeds)
            .ThenByDescending(c => c.Submission == paperId)
            .ThenBy(c => c.Workload, StringComparer.Ordinal)
            .ThenBy(c => c.Submission, StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
