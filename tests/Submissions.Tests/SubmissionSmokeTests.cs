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

    /// <summary>
    /// Each submission on the first workload it applies to, other than the default workload when it has a natural
    /// one: LAWA's BatchNorm path, say, is exercised on cifar10, not on the default's LayerNorm transformer.
    /// </summary>
    public static TheoryData<string, string> FirstPairs
    {
        get
        {
            var pairs = new TheoryData<string, string>();
            foreach (var s in SubmissionRegistry.All)
            {
                var applicable = WorkloadRegistry.All.Where(w => s.NotApplicableReason(w) is null).ToList();
                var natural = s.Id == SubmissionRegistry.BaselineId ? applicable[0]
                    : applicable.FirstOrDefault(w => w.Id != Bench.Submissions.Common.Applicability.DefaultWorkload) ?? applicable[0];
                pairs.Add(s.Id, natural.Id);
            }
            return pairs;
        }
    }

    [Theory]
    [MemberData(nameof(FirstPairs))]
    public void Live_tensors_stay_flat_once_the_methods_state_is_built(string submission, string workload)
    {
        var live = new List<long>();
        var outcome = new TrialRunner(new FakeTimeSource(), warmupSteps: 0, new SynchronousProgress(_ => live.Add(TorchSharp.torch.Tensor.TotalCount)))
            .Run(new TrialSpec(workload, "smoke", submission, 0), new ShortRunWorkload(WorkloadRegistry.Get(workload), steps: 60, stepsPerEvaluation: 10),
                SubmissionRegistry.Get(submission), TorchFixture.Cpu, TestData.Root);

        Assert.True(outcome.Record.Status is TrialStatus.Missed or TrialStatus.Reached, $"{outcome.Record.Status}: {outcome.Record.Error}");
        // Checkpoint queues and snapshots fill during the first half (LAWA's queue of 5 is full by step 20);
        // from the middle evaluation on, the live count must not grow.
        var middle = live.Count / 2;
        Assert.True(live.Count >= 5 && live.Skip(middle).Max() <= live[middle], "live tensors grew: " + string.Join(",", live));
    }
}
