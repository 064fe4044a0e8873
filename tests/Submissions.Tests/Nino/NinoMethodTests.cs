using Bench.Contracts;
using Bench.Submissions.Nino;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Submissions.Tests.Nino;

public class NinoMethodTests
{
    [Fact]
    public void After_five_checkpoints_the_weights_jump_along_their_trend()
    {
        _ = TorchFixture.Cpu;
        using var model = torch.nn.Linear(1, 1, hasBias: false);
        using (torch.no_grad()) model.weight!.fill_(0);
        // Budget 300 steps: a checkpoint every 2 steps; the 5th checkpoint (after step 10) triggers the jump.
        var scale = new WorkloadScale("test", new Target("loss", MetricDirection.Lower, 0), new Budget(100, 300), 1, "");
        var recipe = new BaselineRecipe(BatchSize: 1, LearningRate: 0.01, WeightDecay: 0, WarmupFraction: 0);
        using var method = new NinoSubmission().Create(new TrainingSetup("test", scale, recipe, model, TorchFixture.Cpu, NoDataRun.Access));
        var state = new TrainingState { StepHint = 300 };
        var checkpoints = new List<float>();
        for (var step = 0; step < 10; step++)
        {
            using var scope = torch.NewDisposeScope();
            model.zero_grad();
            model.forward(torch.ones(1, 1)).sum().backward();
            method.OptimizerStep(state);
            var before = model.weight!.data<float>()[0];
            method.AfterStep(state);
            state.Step++;
            if (state.Step % 2 == 0) checkpoints.Add(before);
        }

        // The weight after the jump is the least-squares line through the 5 checkpoints, 2 intervals ahead.
        var w = LinearNowcast.Weights(5, NinoSubmission.Horizon);
        var predicted = w.Zip(checkpoints, (a, b) => a * b).Sum();
        Assert.Equal(predicted, model.weight!.data<float>()[0], 5);
        Assert.True(model.weight!.data<float>()[0] < checkpoints[^1]);   // it moved further along the descent
    }
}
