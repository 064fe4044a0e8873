using Bench.Contracts;
using Bench.Workloads;

namespace Bench.Submissions.Tests;

public class SubmissionRegistryTests
{
    [Fact]
    public void Ids_are_unique_and_the_baseline_comes_first()
    {
        Assert.Equal(SubmissionRegistry.All.Count, SubmissionRegistry.All.Select(s => s.Id).Distinct().Count());
        Assert.Equal(SubmissionRegistry.BaselineId, SubmissionRegistry.All[0].Id);
    }

    [Fact]
    public void Every_submission_applies_to_at_least_one_workload() =>
        Assert.All(SubmissionRegistry.All, s => Assert.Contains(WorkloadRegistry.All, w => s.NotApplicableReason(w) is null));

    [Fact]
    public void An_unknown_id_lists_the_valid_ones()
    {
        var error = Assert.Throws<ConfigException>(() => SubmissionRegistry.Get("nope"));
        Assert.StartsWith("unknown submission 'nope'. Valid submissions: baseline, ", error.Message);
        Assert.All(SubmissionRegistry.All, s => Assert.Contains(s.Id, error.Message));
    }
}
