using Bench.Harness.Contracts;
using Bench.Repro.Execution;
using Bench.Submissions.Papers;

namespace Bench.Repro.Tests.Execution;

/// <summary>The registries as the harness sees them: claims from papers.csv, directions from the workloads.</summary>
public class ComparisonsTests
{
    [Fact]
    public void Partial_feasibility_makes_a_wallclock_claim_judged_on_steps()
    {
        var paper = PaperRegistry.All.First(p => p.Feasible == "partial" && p.ClaimKind == "train-wallclock" && p.ClaimFactor is not null);
        var claim = Comparisons.Claim(paper.Id)!;
        Assert.Equal((paper.ClaimFactor, "train-wallclock", true, true), (claim.Factor, claim.Kind, claim.HardwareDependent, claim.JudgedOnSteps));
        Assert.Null(Comparisons.Claim("no-such-paper"));
    }

    [Fact]
    public void Directions_come_from_the_workload_targets()
    {
        Assert.Equal(MetricDirection.Higher, Comparisons.Context.Direction("modadd", "cpu"));
        Assert.Equal(MetricDirection.Lower, Comparisons.Context.Direction("tinyshakespeare", "cpu"));
        Assert.Null(Comparisons.Context.Direction("no-such-workload", "cpu"));
    }
}
