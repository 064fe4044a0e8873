using Bench.Contracts;
using Bench.Submissions.AutoLrs;
using Bench.Submissions.Tests.Common;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Submissions.Tests.AutoLrs;

public class AutoLrsMethodTests
{
    [Fact]
    public void The_search_rolls_back_its_probes_and_raises_a_rate_that_is_far_too_small()
    {
        _ = TorchFixture.Cpu;
        // w starts at 0 and the data want w = 5: the larger the rate, the lower the loss after a stage. The
        // baseline's peak of 1e-4 is far too small; the search range reaches 10x above it.
        using var run = new ToyRegressionRun(trainSlope: 5, heldOutSlope: 5);
        using var model = (TorchSharp.Modules.Linear)run.CreateModel();
        var scale = new WorkloadScale("test", new Target("loss", MetricDirection.Lower, 0), new Budget(100, 300), 1, "");
        var recipe = new BaselineRecipe(BatchSize: 8, LearningRate: 1e-4, WeightDecay: 0, WarmupFraction: 0);
        using var method = new AutoLrsSubmission().Create(new TrainingSetup("test", scale, recipe, model, TorchFixture.Cpu, new WorkloadAccess(run, 0)));
        var state = new TrainingState { StepHint = 300 };
        var batches = run.TrainBatches(0);

        using var scope = torch.NewDisposeScope();
        var batch = method.TransformBatch(batches.Next(8), state);        // step 0 starts a stage: the search runs here
        Assert.Equal(0f, model.weight!.data<float>()[0]);                  // probes rolled back
        model.zero_grad();
        run.Loss(model, batch).backward();
        method.OptimizerStep(state);
        // Adam's first step moves the weight by the rate itself: the chosen rate, well above the baseline's.
        var moved = model.weight!.data<float>()[0];
        Assert.True(moved > 2e-4, $"the first stage step moved the weight by {moved}; the baseline rate would move it by 1e-4");
    }

    [Fact]
    public void Every_probe_step_is_charged_as_examples_and_flops()
    {
        _ = TorchFixture.Cpu;
        using var run = new ToyRegressionRun(trainSlope: 5, heldOutSlope: 5);
        using var model = run.CreateModel();
        var scale = new WorkloadScale("test", new Target("loss", MetricDirection.Lower, 0), new Budget(100, 300), 1, "");
        var recipe = new BaselineRecipe(BatchSize: 8, LearningRate: 1e-4, WeightDecay: 0, WarmupFraction: 0);
        using var method = new AutoLrsSubmission().Create(new TrainingSetup("test", scale, recipe, model, TorchFixture.Cpu, new WorkloadAccess(run, 0)));
        var state = new TrainingState { StepHint = 300, WorkloadFlopsPerExample = 10 };

        using var scope = torch.NewDisposeScope();
        method.TransformBatch(run.TrainBatches(0).Next(8), state);      // step 0 starts a stage: the search runs here

        // A stage is 300 / 10 = 30 steps, a probe 30 / 10 = 3 steps of 8 examples, one probe per candidate rate.
        const double probeExamples = AutoLrsSubmission.Candidates * 3 * 8;
        Assert.Equal(probeExamples, state.ChargedExamples);
        Assert.Equal(probeExamples * 10, state.Flops);
    }
}
