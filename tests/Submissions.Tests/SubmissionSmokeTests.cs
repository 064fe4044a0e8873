using Bench.Harness.Training;
using Bench.Tests.Shared;
using Bench.Workloads;

namespace Bench.Submissions.Tests;

/// <summary>Every registered submission runs two steps on every workload it applies to.</summary>
public class SubmissionSmokeTests
{
    public static TheoryData<string, string> Pairs
    {
        get
        {
            var pairs = new TheoryData<string, string>();
            foreach (var s in SubmissionRegistry.All)
                foreach (var w in WorkloadRegistry.All.Where(w => s.NotApplicableReason(w) is null))
                    pairs.Add(s.Id, w.Id);
            return pairs;
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Two_steps_run_through_the_harness_loop(string submission, string workload)
    {
        var budgetedToTwoSteps = new TwoStepWorkload(WorkloadRegistry.Get(workload));
        var outcome = new TrialRunner(new StopwatchTimeSource(), warmupSteps: 0)
            .Run(new TrialSpec(workload, "smoke", submission, 0), budgetedToTwoSteps, SubmissionRegistry.Get(submission), TorchFixture.Cpu,
                TestData.Root);

        Assert.True(outcome.Record.Status is TrialStatus.Missed or TrialStatus.Reached, $"{outcome.Record.Status}: {outcome.Record.Error}");
        Assert.Equal(2, outcome.Record.Steps);
        Assert.True(double.IsFinite(outcome.Curve[^1].TrainLoss));
    }
}
