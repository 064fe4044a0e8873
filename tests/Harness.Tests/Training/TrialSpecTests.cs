using Bench.Harness.Results;
using Bench.Harness.Training;

namespace Bench.Harness.Tests.Training;

/// <summary>Issue 14, section 1: a trial on other data is another trial (own files, no resume from the default's).</summary>
public class TrialSpecTests
{
    [Fact]
    public void The_default_dataset_keeps_the_old_key_and_another_dataset_gets_its_own()
    {
        var own = new TrialSpec("kg-transe", "smoke", "baseline", 0);
        Assert.Equal("kg-transe/smoke/baseline/seed-0", own.Key);
        Assert.Equal("kg-transe@wn18rr/smoke/baseline/seed-0", (own with { Dataset = "wn18rr" }).Key);
        var mine = own with { Dataset = "/home/me/my graph" };
        Assert.Matches("^kg-transe@my_graph-[0-9a-f]{8}/smoke/baseline/seed-0$", mine.Key);
        Assert.NotEqual(mine.Key, (own with { Dataset = "/home/you/my graph" }).Key);
        Assert.NotEqual(own, mine);
        Assert.Equal("kg-transe@wn18rr@target-0.3/smoke/baseline/seed-0", (own with { Dataset = "wn18rr", Target = 0.3 }).Key);
    }

    [Fact]
    public void A_row_answers_the_spec_of_its_dataset()
    {
        var spec = new TrialSpec("sst2", "smoke", "baseline", 1) { Dataset = "/data/clinc150" };
        var row = TrialRecord.Failed(spec, "baseline", TrialStatus.Crashed, "boom", DateTime.UnixEpoch);
        Assert.Equal("/data/clinc150", row.Dataset);
        Assert.Equal(spec, row.Spec);
        Assert.Equal("", (row with { Dataset = null! }).Dataset);
        var targeted = spec with { Target = 0.4 };
        Assert.Equal(targeted, TrialRecord.Failed(targeted, "baseline", TrialStatus.Crashed, "boom", DateTime.UnixEpoch).Spec);
    }
}
