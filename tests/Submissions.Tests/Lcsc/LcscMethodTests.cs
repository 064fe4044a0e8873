using Bench.Contracts;
using Bench.Submissions.Common;
using Bench.Submissions.Lcsc;
using Bench.Submissions.Tests.Common;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Submissions.Tests.Lcsc;

public class LcscMethodTests
{
    [Fact]
    public void A_linear_combination_may_extrapolate_beyond_the_checkpoints()
    {
        _ = TorchFixture.Cpu;
        using var model = torch.nn.Linear(1, 1, hasBias: false);
        var checkpoints = new List<Snapshot>();
        foreach (var value in new[] { 1f, 3f })
        {
            using (torch.no_grad()) model.weight!.fill_(value);
            checkpoints.Add(Snapshot.Take(model));
        }
        CheckpointAverage.LoadCombination(model, checkpoints, [-0.5, 1.5]);
        Assert.Equal(4f, model.weight!.data<float>()[0], 6);     // -0.5 * 1 + 1.5 * 3
        foreach (var c in checkpoints) c.Dispose();
    }

    [Fact]
    public void Evaluation_sees_a_combination_that_beats_both_the_uniform_average_and_the_latest_checkpoint_on_held_out_data()
    {
        _ = TorchFixture.Cpu;
        // Training pulls w from 0 towards 1; the held-out data prefers w = 0.3, which only a searched
        // combination of the checkpoints (all between 0 and 1, the latest near 1) can reach.
        using var run = new ToyRegressionRun(trainSlope: 1, heldOutSlope: 0.3);
        using var model = (TorchSharp.Modules.Linear)run.CreateModel();
        var scale = new WorkloadScale("test", new Target("loss", MetricDirection.Lower, 0), new Budget(100, 15), 1, "");
        var recipe = new BaselineRecipe(BatchSize: 8, LearningRate: 0.15, WeightDecay: 0, WarmupFraction: 0);
        using var method = new LcscSubmission().Create(new TrainingSetup("test", scale, recipe, model, TorchFixture.Cpu, new WorkloadAccess(run, 0)));
        Assert.Equal(LcscSubmission.HeldOutFraction, method.TrainStream.HeldOutFraction);

        var batches = run.TrainBatches(0, method.TrainStream);
        var state = new TrainingState { StepHint = 15, WorkloadFlopsPerExample = 10 };
        var weights = new List<float>();
        for (var step = 0; step < 7; step++)                       // a checkpoint after every step; 5 latest kept
        {
            using var scope = torch.NewDisposeScope();
            var batch = method.TransformBatch(batches.Next(8), state);
            model.zero_grad();
            run.Loss(model, batch).backward();
            method.OptimizerStep(state);
            method.AfterStep(state);
            state.Step++;
            weights.Add(model.weight!.data<float>()[0]);
        }

        var latest = weights[^1];
        var uniform = weights.Skip(2).Average();
        var evaluated = method.ModelToEvaluate().parameters().First().data<float>()[0];
        static double HeldOutLoss(double w) => (w - 0.3) * (w - 0.3);  // up to the inputs' scale, the same ordering
        Assert.True(latest > 0.3 && uniform > 0.3, $"checkpoints {string.Join(", ", weights)} should all be past the held-out optimum");
        Assert.True(HeldOutLoss(evaluated) < HeldOutLoss(uniform) && HeldOutLoss(evaluated) < HeldOutLoss(latest),
            $"combined weight {evaluated} is no better than the uniform average {uniform} or the latest {latest}");

        using (torch.NewDisposeScope()) method.TransformBatch(batches.Next(8), state);
        Assert.Equal(latest, model.weight!.data<float>()[0], 6);   // training resumes from its own weights
        // The search's held-out forward passes and BatchNorm re-estimations are charged, and priced into the FLOPs.
        Assert.True(state.ChargedExamples > 0, "the search charged no work");
        Assert.Equal(state.ChargedExamples * 10, state.Flops, 9);
    }
}
