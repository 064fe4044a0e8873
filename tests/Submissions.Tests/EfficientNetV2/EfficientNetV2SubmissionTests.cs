using Bench.Contracts;
using Bench.Submissions.Common;
using Bench.Submissions.EfficientNetV2;
using Bench.Submissions.Tests.Cuttlefish;
using Bench.Tests.Shared;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.EfficientNetV2;

/// <summary>
/// Golden tests of EfficientNetV2's progressive learning on a smoke-scale cifar10: the stages' sides, batch and ends, the
/// dropout per stage, the head's dropout in training only, the FLOPs at 16 px by hand, bad input.
/// </summary>
public class EfficientNetV2SubmissionTests
{
    [Fact]
    public void Three_equal_stages_at_16_24_32_px_keep_the_baseline_batch_and_rate_and_end_at_the_baselines_examples()
    {
        var schedule = EfficientNetV2Submission.Build(32, 64, 100, 16, 3);
        Assert.Equal([16, 24, 32], schedule.Phases.Select(p => p.Side));
        Assert.All(schedule.Phases, p => Assert.Equal((64, 1.0), (p.BatchSize, p.LearningRateScale)));
        Assert.Equal([6400 / 3.0, 12800 / 3.0, 6400], schedule.Phases.Select(p => p.EndsAtExamples));
    }

    [Fact]
    public void Dropout_rises_linearly_from_the_first_stage_to_the_last()
    {
        var h = new EfficientNetV2Hyperparameters();
        Assert.Equal([0.1, 0.2, 0.3], Enumerable.Range(0, 3).Select(i => Math.Round(EfficientNetV2Submission.DropoutOf(h, i), 12)));
        Assert.Equal(0.3, EfficientNetV2Submission.DropoutOf(h with { Stages = 1 }, 0));
    }

    [Fact]
    public void The_head_gets_the_stages_dropout_in_training_and_none_in_evaluation_and_the_first_stage_runs_at_16_px_FLOPs()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeResNet(5);
        using var method = (ResolutionScheduleMethod)smoke.Create(new EfficientNetV2Submission(), null);
        var head = Assert.IsType<HeadDropout>(smoke.Slot("head").Module);
        Assert.Equal(0.1, head.Rate);
        Assert.Equal(64, method.BatchSize);
        // Same count as multigrid's at 16 px (widths 8-16-32): 848,512 forward, x 3; the head with dropout costs the head's.
        Assert.Equal(3 * 848_512.0, method.FlopsPerExample!.Value, 3);

        var features = ones(64, 32);
        head.train();
        var trained = head.forward(features);
        head.eval();
        var evaluated = head.forward(features);
        Assert.False(trained.allclose(evaluated));
        using var noGrad = no_grad();
        head.Rate = 0;
        head.train();
        Assert.True(head.forward(features).allclose(evaluated));
    }

    [Fact]
    public void After_a_third_of_the_examples_the_second_stage_trains_at_24_px_with_dropout_0_2()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeResNet(5);
        using var method = (ResolutionScheduleMethod)smoke.Create(new EfficientNetV2Submission(), null);
        var head = (HeadDropout)smoke.Slot("head").Module;
        var batches = smoke.Run.TrainBatches(0);
        // Stage 0 ends at 6,400 / 3 = 2,133.3 examples: 34 steps of 64 (2,176) reach it.
        for (var i = 0; i < 34; i++)
        {
            Assert.Equal(0, method.Phase);
            using var step = NewDisposeScope();
            method.Model.train();
            var batch = method.TransformBatch(batches.Next(method.BatchSize), new TrainingState());
            Assert.Equal(16, batch.Inputs.shape[3]);
            method.Model.zero_grad();
            smoke.Run.Loss(method.Model, batch).backward();
            method.OptimizerStep(new TrainingState());
            method.AfterStep(new TrainingState());
        }
        Assert.Equal(1, method.Phase);
        Assert.Equal(0.2, head.Rate, 12);
        using var last = NewDisposeScope();
        Assert.Equal(24, method.TransformBatch(batches.Next(method.BatchSize), new TrainingState()).Inputs.shape[3]);
    }

    [Theory]
    [InlineData(0, 3, 0.1, 0.3, "smallest_side")]
    [InlineData(33, 3, 0.1, 0.3, "smallest_side")]
    [InlineData(16, 0, 0.1, 0.3, "stages")]
    [InlineData(16, 3, -0.1, 0.3, "dropout_start")]
    [InlineData(16, 3, 0.1, 1.0, "dropout_end")]
    [InlineData(16, 4, 0.1, 0.3, "smallest_side and stages")]
    public void Bad_hyperparameters_are_config_errors_naming_them(int smallest, int stages, double start, double end, string named)
    {
        _ = TorchFixture.Cpu;
        using var smoke = new SmokeResNet(5);
        var error = Assert.Throws<ConfigException>(() => smoke.Create(new EfficientNetV2Submission(),
            new EfficientNetV2Hyperparameters(smallest, stages, start, end)));
        Assert.Contains(named, error.Message);
    }
}
