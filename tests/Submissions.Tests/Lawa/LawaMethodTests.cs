using Bench.Contracts;
using Bench.Submissions.Lawa;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Submissions.Tests.Lawa;

public class LawaMethodTests
{
    [Fact]
    public void Evaluation_sees_the_average_of_the_five_latest_checkpoints_and_training_resumes_from_its_own_weights()
    {
        _ = TorchFixture.Cpu;
        using var model = torch.nn.Linear(1, 1, hasBias: false);
        using (torch.no_grad()) model.weight!.fill_(0);
        // Budget 15 steps: a checkpoint after every step.
        var scale = new WorkloadScale("test", new Target("loss", MetricDirection.Lower, 0), new Budget(100, 15), 1, "");
        var recipe = new BaselineRecipe(BatchSize: 1, LearningRate: 0.1, WeightDecay: 0, WarmupFraction: 0);
        using var method = new LawaSubmission().Create(new TrainingSetup("test", scale, recipe, model, TorchFixture.Cpu, NoDataRun.Access));
        var state = new TrainingState { StepHint = 15 };
        var weights = new List<float>();
        var batch = new Batch(torch.ones(1, 1), torch.zeros(1));

        for (var step = 0; step < 7; step++)
        {
            using var scope = torch.NewDisposeScope();
            method.TransformBatch(batch, state);
            model.zero_grad();
            model.forward(batch.Inputs).sum().backward();   // gradient 1: the weight walks down
            method.OptimizerStep(state);
            method.AfterStep(state);
            state.Step++;
            weights.Add(model.weight!.data<float>()[0]);
        }

        var evaluated = method.ModelToEvaluate();
        var expected = weights.Skip(2).Average();           // checkpoints after steps 3..7
        Assert.Equal(expected, ((torch.nn.Module<torch.Tensor, torch.Tensor>)evaluated).parameters().First().data<float>()[0], 5);

        using (torch.NewDisposeScope()) method.TransformBatch(batch, state);
        Assert.Equal(weights[^1], model.weight!.data<float>()[0], 6);
    }
}
