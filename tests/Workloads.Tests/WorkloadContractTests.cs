using Bench.Contracts;
using Bench.Harness.Training;
using Bench.Submissions;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Workloads.Tests;

/// <summary>What every registered workload must do at smoke scale: two steps, determinism, no leaks, the baseline reaches the target.</summary>
public class WorkloadContractTests
{
    public static TheoryData<string> Workloads => [.. WorkloadRegistry.All.Select(w => w.Id)];

    static string DataRoot => TestData.Root;

    static TrialOutcome Smoke(string workload, int seed = 0, IProgress<TrialProgress>? progress = null) =>
        new TrialRunner(new FakeTimeSource(), warmupSteps: 0, progress)
            .Run(new TrialSpec(workload, "smoke", "baseline", seed), WorkloadRegistry.Get(workload), SubmissionRegistry.Get("baseline"), TorchFixture.Cpu,
                DataRoot);

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Two_training_steps_change_the_weights_and_give_a_finite_loss(string id)
    {
        var workload = WorkloadRegistry.Get(id);
        var scale = workload.Scale("smoke");
        using var run = workload.Open(new RunContext(scale, 0, TorchFixture.Cpu, DataRoot));
        torch.manual_seed(0);
        using var model = run.CreateModel();
        using var method = SubmissionRegistry.Get("baseline")
            .Create(new TrainingSetup(id, scale, workload.Baseline("smoke"), model, TorchFixture.Cpu, new WorkloadAccess(run, 0)));
        var before = model.parameters().Select(p => p.detach().clone()).ToList();
        var batches = run.TrainBatches(0);
        var state = new TrainingState();

        for (var step = 0; step < 2; step++)
        {
            using var scope = torch.NewDisposeScope();
            var loss = run.Loss(method.Model, batches.Next(method.BatchSize));
            method.Model.zero_grad();
            loss.backward();
            method.OptimizerStep(state);
            Assert.True(double.IsFinite(loss.item<float>()));
        }

        Assert.Contains(model.parameters().Zip(before), p => !p.First.allclose(p.Second));
        Assert.True(run.TrainFlopsPerExample > 0);
        using (torch.no_grad()) Assert.True(double.IsFinite(run.Evaluate(model)[scale.Target.Metric]));
        foreach (var t in before) t.Dispose();
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Training_batches_say_which_examples_of_the_training_split_they_hold(string id)
    {
        var workload = WorkloadRegistry.Get(id);
        using var run = workload.Open(new RunContext(workload.Scale("smoke"), 0, TorchFixture.Cpu, DataRoot));
        using var scope = torch.NewDisposeScope();
        var batch = run.TrainBatches(0).Next(8);

        Assert.NotNull(batch.ExampleIds);
        Assert.Equal(batch.Size, batch.ExampleIds!.Length);
        Assert.All(batch.ExampleIds, example => Assert.True(example >= 0));
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Per_example_losses_average_to_the_loss_or_are_refused_naming_the_workloads_that_have_them(string id)
    {
        var workload = WorkloadRegistry.Get(id);
        using var run = workload.Open(new RunContext(workload.Scale("smoke"), 0, TorchFixture.Cpu, DataRoot));
        torch.manual_seed(0);
        using var model = TrialRunner.CreateModel(run);
        model.eval();   // dropout off, so the two forward passes compared below are the same function
        using var scope = torch.NewDisposeScope();
        var batch = run.TrainBatches(0).Next(8);
        var access = new WorkloadAccess(run, 0);

        torch.Tensor perExample;
        try { perExample = access.PerExampleLoss(model, batch); }
        catch (NotSupportedException e)
        {
            Assert.DoesNotContain(id, PerExampleLossWorkloads);
            Assert.All(PerExampleLossWorkloads, named => Assert.Contains(named, e.Message));
            return;
        }
        Assert.Contains(id, PerExampleLossWorkloads);
        Assert.Equal([8], perExample.shape);
        Assert.True(perExample.requires_grad);
        Assert.Equal(run.Loss(model, batch).item<float>(), perExample.mean().item<float>(), 4);
    }

    static readonly string[] PerExampleLossWorkloads = ["cifar10", "cifar10-vit", "fashion-mnist", "sst2", "tinyshakespeare", "modadd"];

    [Theory]
    [MemberData(nameof(Workloads))]
    public void The_same_seed_gives_the_same_curve_and_steps_to_target(string id)
    {
        var a = Smoke(id, seed: 1);
        var b = Smoke(id, seed: 1);

        Assert.Equal(a.Curve.Select(p => (p.Step, p.TrainLoss, p.Metrics[a.Record.Metric])),
            b.Curve.Select(p => (p.Step, p.TrainLoss, p.Metrics[b.Record.Metric])));
        Assert.Equal(a.Record.StepsToTarget, b.Record.StepsToTarget);
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void The_baseline_reaches_the_smoke_target(string id)
    {
        var outcome = Smoke(id);
        Assert.True(outcome.Record.Status == TrialStatus.Reached, $"{id}: {outcome.Record.Status} {outcome.Record.Error}, best {outcome.Record.BestMetric}");
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Live_tensors_stay_flat_over_a_whole_trial(string id)
    {
        var liveAtEvaluation = new List<long>();
        // Progress is reported inside the loop at every evaluation: the live count must not grow between them.
        Smoke(id, progress: new SynchronousProgress(_ => liveAtEvaluation.Add(torch.Tensor.TotalCount)));

        Assert.True(liveAtEvaluation.Count >= 3, "need several evaluations to see a trend: " + string.Join(",", liveAtEvaluation));
        // [0] is before the optimizer has created its state; from then on the count must never grow.
        Assert.True(liveAtEvaluation.Skip(1).Max() <= liveAtEvaluation[1], "live tensors grew: " + string.Join(",", liveAtEvaluation));
    }
}
