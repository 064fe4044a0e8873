using Bench.Contracts;
using Bench.Harness.Gate;
using Bench.Harness.Training;
using Bench.Submissions;
using Bench.Tests.Shared;
using Bench.Workloads;

namespace Bench.Repro.Tests;

public sealed class GateTests : TempFolderTests
{

    static GateEntry Measure(ISubmission submission)
    {
        var outcome = new TrialRunner(new FakeTimeSource(), warmupSteps: 0)
            .Run(new TrialSpec("modadd", "smoke", "baseline", 0), WorkloadRegistry.Get("modadd"), submission, TorchFixture.Cpu, "");
        return GateEntry.From(outcome.Record);
    }

    [Fact]
    public void The_committed_reference_passes_and_a_changed_recipe_fails()
    {
        var committed = GateReference.Read(GateMachineClass.ReferencePath(Bench.Harness.RepositoryRoot.Find()!, GateMachineClass.Current()))
            .Where(e => e.Workload == "modadd" && e.Submission == "baseline").ToList();

        Assert.Empty(GateReference.Compare(committed, [Measure(SubmissionRegistry.Get("baseline"))]));
        var changed = GateReference.Compare(committed, [Measure(new DoubledLearningRate())]);
        Assert.Contains(changed, d => d.Field is "steps-to-target" or "final metric");
    }

    [Fact]
    public void The_gate_command_exits_1_with_a_table_of_differences()
    {
        var reference = Path.Combine(Folder, "reference.csv");
        GateReference.Write(reference, [new GateEntry { Workload = "modadd", Scale = "smoke", Submission = "baseline", Seed = 0, Status = "Reached",
            StepsToTarget = 1, FinalMetric = 0.5 }]);

        var (code, output) = ReproRunner.Run("gate", "--in-process", "--workloads", "modadd", "--reference", reference);

        Assert.Equal(1, code);
        Assert.Contains("gate failed", output);
        Assert.Contains("steps-to-target", output);
    }

    [Fact]
    public void A_narrowed_update_rewrites_only_its_own_pairs()
    {
        var reference = Path.Combine(Folder, "reference.csv");
        var other = new GateEntry { Workload = "cifar10", Scale = "smoke", Submission = "lars", Seed = 0, Status = "Reached", StepsToTarget = 7,
            FinalMetric = 0.5 };
        var stale = new GateEntry { Workload = "modadd", Scale = "smoke", Submission = "baseline", Seed = 0, Status = "Reached", StepsToTarget = 1,
            FinalMetric = 0.5 };
        GateReference.Write(reference, [other, stale]);

        var (code, output) = ReproRunner.Run("gate", "--in-process", "--update", "--workloads", "modadd", "--submissions", "baseline", "--reference",
            reference);

        Assert.True(code == 0, output);
        var updated = GateReference.Read(reference);
        Assert.Equal(2, updated.Count);
        Assert.Contains(updated, e => e.Key == other.Key && e.StepsToTarget == 7);
        Assert.Empty(GateReference.Compare(updated.Where(e => e.Key == stale.Key).ToList(), [Measure(SubmissionRegistry.Get("baseline"))]));
    }

    [Fact]
    public void A_bad_reference_fails_before_any_gate_trial_runs()
    {
        var reference = Path.Combine(Folder, "reference.csv");
        File.WriteAllText(reference, "Workload,Scale,Submission,Seed,Status,StepsToTarget,FinalMetric\nmodadd,smoke,baseline,0,Reached,12x,0.5\n");

        var (code, output) = ReproRunner.Run("gate", "--in-process", "--workloads", "modadd", "--reference", reference);

        Assert.Equal(2, code);
        Assert.Contains($"error: gate reference {reference} line 2: column StepsToTarget", output);
        Assert.DoesNotContain("trials at scale", output);
    }

    [Fact]
    public void A_missing_reference_fails_before_any_gate_trial_runs()
    {
        var (code, output) = ReproRunner.Run("gate", "--in-process", "--workloads", "modadd", "--reference", Path.Combine(Folder, "none.csv"));

        Assert.Equal(2, code);
        Assert.Contains("no gate reference at", output);
        Assert.DoesNotContain("trials at scale", output);
    }

    /// <summary>The baseline with twice its learning rate: a deliberate recipe change the gate must see.</summary>
    sealed class DoubledLearningRate : ISubmission
    {
        readonly ISubmission baseline = SubmissionRegistry.Get("baseline");
        public string Id => "baseline";
        public string PaperId => "baseline";
        public string Description => "";
        public WorkloadApplicability AppliesTo => WorkloadApplicability.Every;
        public TrainingMethod Create(TrainingSetup setup) =>
            baseline.Create(setup with { Baseline = setup.Baseline with { LearningRate = setup.Baseline.LearningRate * 2 } });
    }
}
