using Bench.Harness.Contracts;
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
        var committed = GateReference.Read(Path.Combine(Bench.Harness.RepositoryRoot.Find()!, "results", "reference", "gate-smoke.csv"))
            .Where(e => e.Workload == "modadd" && e.Submission == "baseline").ToList();

        Assert.Empty(GateReference.Compare(committed, [Measure(SubmissionRegistry.Get("baseline"))]));
        var changed = GateReference.Compare(committed, [Measure(new DoubledLearningRate())]);
        Assert.Contains(changed, d => d.Field is "steps-to-target" or "final metric");
    }

    [Fact]
    public void The_gate_command_exits_1_with_a_table_of_differences()
    {
        var reference = Path.Combine(Folder, "reference.csv");
        GateReference.Write(reference, [new GateEntry { Workload = "modadd", Scale = "smoke", Submission = "baseline", Seed = 0, Status = "Reached", StepsToTarget = 1, FinalMetric = 0.5 }]);

        var (code, output) = ReproRunner.Run("gate", "--in-process", "--workloads", "modadd", "--reference", reference);

        Assert.Equal(1, code);
        Assert.Contains("gate failed", output);
        Assert.Contains("steps-to-target", output);
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
        public string? NotApplicableReason(IWorkload workload) => null;
        public TrainingMethod Create(TrainingSetup setup) =>
            baseline.Create(setup with { Baseline = setup.Baseline with { LearningRate = setup.Baseline.LearningRate * 2 } });
    }
}
