using Bench.Contracts;
using Bench.Harness.Training;
using Bench.Submissions.Common;
using Bench.Submissions.EfficientNetV2;
using Bench.Submissions.Mechanisms;
using Bench.Submissions.Multigrid;
using Bench.Submissions.Tests.Cuttlefish;
using Bench.Tests.Shared;
using Bench.Workloads;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Multigrid;

/// <summary>
/// Golden tests of multigrid: the long-cycle schedule at the cpu scale's numbers by hand, the full side at the end, the
/// first step's batch, resize, rate and FLOPs on a smoke-scale cifar10, the phase change after the first phase's examples,
/// sub-batch BatchNorm, the baseline recovered by a one-phase schedule, what the real harness trains on and evaluates at,
/// and bad input.
/// </summary>
public class MultigridSubmissionTests
{
    const double FinalShare = 43.0 / 239;

    [Fact]
    public void The_cpu_schedule_has_three_cycles_of_16_24_32_px_with_equal_steps_per_side_then_fine_tuning_at_32_px_over_1_5x_the_examples()
    {
        // cpu: 300 steps of 256 = 76,800 examples. Before the final share: 0.8201 x 76,800 = 62,976 in three cycles; the
        // cycles' batches 1024 + 455 + 256 = 1,735 over 3 x 256 give an iteration saving of 2.2591, so fine-tuning gets
        // 0.1799 x 76,800 / 2.2591 = 6,116.2; stretch = 1.5 x 76,800 / (62,976 + 6,116.2) = 1.66718.
        var schedule = MultigridSchedule.Build(32, 256, 300, [16, 24, 32], 3, 1.5, FinalShare);
        var p = schedule.Phases;
        Assert.Equal(10, p.Count);
        Assert.Equal([16, 24, 32, 16, 24, 32, 16, 24, 32, 32], p.Select(x => x.Side));
        Assert.Equal([1024, 455, 256, 1024, 455, 256, 1024, 455, 256, 256], p.Select(x => x.BatchSize));
        Assert.Equal(4.0, p[0].LearningRateScale);
        Assert.Equal(455 / 256.0, p[1].LearningRateScale);
        Assert.Equal(1.0, p[2].LearningRateScale);
        Assert.Equal(1.0, p[9].LearningRateScale);
        // One cycle: 62,976 / 3 x 1.66718 = 35,001.0 examples; its 16 px phase 35,001.0 x 1024 / 1735 = 20,657.6.
        Assert.Equal(20_657.6, p[0].EndsAtExamples, 0.1);
        Assert.Equal(29_836.6, p[1].EndsAtExamples, 0.1);
        Assert.Equal(35_001.0, p[2].EndsAtExamples, 0.1);
        Assert.Equal(105_002.9, p[8].EndsAtExamples, 0.1);
        Assert.Equal(115_200, p[9].EndsAtExamples, 6);
        // Equal steps per side in every cycle (20.17), and 39.8 steps of fine-tuning: 221 steps in all against the baseline's 300.
        double start = 0;
        foreach (var phase in p.Take(9))
        {
            Assert.Equal(20.17347, (phase.EndsAtExamples - start) / phase.BatchSize, 4);
            start = phase.EndsAtExamples;
        }
        Assert.Equal(39.83, (p[9].EndsAtExamples - p[8].EndsAtExamples) / 256, 2);
    }

    [Theory]
    [InlineData(16, 3, 3, 1.5, FinalShare)]
    [InlineData(16, 3, 1, 1.0, 0.0)]
    [InlineData(8, 4, 2, 1.0, 0.5)]
    [InlineData(32, 1, 1, 1.0, 0.0)]
    public void The_last_phase_is_the_full_side_at_the_baseline_batch_and_rate_and_the_schedule_trains_epoch_factor_times_the_examples(
        int coarsest, int sides, int cycles, double epochFactor, double finalShare)
    {
        var schedule = MultigridSchedule.Build(32, 64, 100, ResolutionSchedule.EvenSides(coarsest, 32, sides), cycles, epochFactor, finalShare);
        Assert.Equal(new ResolutionPhase(32, 64, 1, epochFactor * 6400), schedule.Phases[^1] with { EndsAtExamples = Math.Round(schedule.TotalExamples, 6) });
        Assert.Equal(coarsest, schedule.Phases[0].Side);
    }

    /// <summary>One training step through the method's hooks, as the harness runs it.</summary>
    static Batch Step(SmokeResNet smoke, TrainingMethod method, Batch batch, TrainingState state)
    {
        using var scope = NewDisposeScope();
        method.Model.train();
        var transformed = method.TransformBatch(batch, state);
        var shape = transformed.Inputs.shape;
        method.Model.zero_grad();
        smoke.Run.Loss(method.Model, transformed).backward();
        method.AfterBackward(state);
        method.OptimizerStep(state);
        method.AfterStep(state);
        return new Batch(zeros(shape).DetachFromDisposeScope(), zeros(transformed.Size).DetachFromDisposeScope());
    }

    // Smoke cifar10: widths 8-16-32, batch 64, 100 steps. At 16 px by hand: stem 2·16²·3·8·9 = 110,592; stage 1's residual pair
    // 2·(2·8²·8·8·9), stage 2's stem 2·8²·8·16·9 and pair 2·(2·4²·16·16·9), stage 3's stem 2·4²·16·32·9 and pair 2·(2·2²·32·32·9):
    // 147,456 each; head 2·32·10 = 640. 110,592 + 5 x 147,456 + 640 = 848,512 forward, x 3 for training.
    const double SmokeFlopsAt16 = 3 * 848_512.0;

    [Fact]
    public void The_first_step_draws_4x_the_batch_resizes_it_to_16_px_keeps_its_examples_and_runs_at_4x_the_rate_and_the_16_px_FLOPs()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeResNet(3);
        using var method = (ResolutionScheduleMethod)smoke.Create(new MultigridSubmission(), null);
        Assert.Equal(256, method.BatchSize);
        Assert.Equal(SmokeFlopsAt16, method.FlopsPerExample!.Value, 3);
        var batches = smoke.Run.TrainBatches(0);
        var delivered = batches.Next(method.BatchSize);
        var trained = Step(smoke, method, delivered, new TrainingState { StepHint = 100 });
        Assert.Equal([256L, 3, 16, 16], trained.Inputs.shape);
        Assert.Equal(delivered.Size, trained.Size);
        // 1.5 x 100 x 64 = 9,600 examples = 150 baseline steps; warmup round(0.05 x 150) = 8 (to even); 3e-3 x 4 x 1/8.
        Assert.Equal(3e-3 * 4 / 8, method.LearningRate, 12);
        // Sub-batch BatchNorm: the 256 images go through the model in 4 parts of the baseline's 64.
        Assert.Equal(4, Assert.IsType<SubBatchForward>(method.Model).Splits);
    }

    [Fact]
    public void After_the_first_phases_examples_the_next_step_draws_the_24_px_batch_at_its_FLOPs_and_rate()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeResNet(3);
        using var method = (ResolutionScheduleMethod)smoke.Create(new MultigridSubmission(), null);
        var workload = smoke.Run.TrainFlopsPerExample;
        var batches = smoke.Run.TrainBatches(0);
        // Smoke's phase 0 ends at 20,657.6 / 12 = 1,721.5 examples: 7 steps of 256 (1,792) reach it.
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(0, method.Phase);
            Step(smoke, method, batches.Next(method.BatchSize), new TrainingState { StepHint = 100 });
        }
        Assert.Equal(1, method.Phase);
        Assert.Equal(114, method.BatchSize); // 64 x (32/24)² = 113.8
        Assert.Equal(1, Assert.IsType<SubBatchForward>(method.Model).Splits);
        // 24 px: 9/16 of every convolution's positions, the head unchanged (640 forward).
        Assert.Equal(3 * ((848_512 - 640) * 9 / 4.0 + 640), method.FlopsPerExample!.Value, 3);
        Assert.Equal(3 * ((848_512 - 640) * 4 + 640.0), workload);
        var trained = Step(smoke, method, batches.Next(method.BatchSize), new TrainingState { StepHint = 100 });
        Assert.Equal([114L, 3, 24, 24], trained.Inputs.shape);
        // Step 8 starts after 1,792 examples = baseline step 28 of 150 (warmup 8): cosine at (28 − 8) / 142, times 114/64.
        Assert.Equal(3e-3 * 114 / 64 * WarmupCosine.Factor(28, 150, 8), method.LearningRate, 12);
    }

    [Fact]
    public void One_full_size_phase_at_the_baseline_batch_gives_the_baselines_rates()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeResNet(3);
        using var method = (ResolutionScheduleMethod)smoke.Create(new MultigridSubmission(),
            new MultigridHyperparameters(CoarsestSide: 32, Sides: 1, LongCycles: 1, EpochFactor: 1, FinalShare: 0, SubBatchNorm: false));
        Assert.Same(smoke.Model, method.Model);
        Assert.Equal(smoke.Run.TrainFlopsPerExample, method.FlopsPerExample);
        var batches = smoke.Run.TrainBatches(0);
        for (var step = 0; step < 7; step++)
        {
            Assert.Equal(64, method.BatchSize);
            var trained = Step(smoke, method, batches.Next(method.BatchSize), new TrainingState { StepHint = 100 });
            Assert.Equal([64L, 3, 32, 32], trained.Inputs.shape);
            Assert.Equal(3e-3 * WarmupCosine.Factor(step, 100, 5), method.LearningRate, 12);
        }
    }

    [Theory]
    [InlineData("multigrid")]
    [InlineData("efficientnetv2")]
    public void Through_the_real_trial_runner_training_sees_the_scheduled_sides_and_delivered_examples_and_evaluation_only_32_px(string id)
    {
        var probe = new SideProbeWorkload(WorkloadRegistry.Get("cifar10"));
        // 40 steps: long enough that multigrid's 24 px phase (114 images a step at smoke) lasts a whole step.
        var workload = new ShortRunWorkload(probe, steps: 40, stepsPerEvaluation: 10);
        var outcome = new TrialRunner(new StopwatchTimeSource(), warmupSteps: 0)
            .Run(new TrialSpec("cifar10", "smoke", id, 0), workload, SubmissionRegistry.Get(id), TorchFixture.Cpu, TestData.Root);

        Assert.True(outcome.Record.Status is TrialStatus.Missed or TrialStatus.Reached, $"{outcome.Record.Status}: {outcome.Record.Error}");
        Assert.Equal(40, outcome.Record.Steps);
        var training = probe.Seen.Where(s => s.Training).ToList();
        var evaluation = probe.Seen.Where(s => !s.Training).ToList();
        Assert.Contains(training, s => s.Side == 16);
        Assert.Contains(training, s => s.Side == 24);
        Assert.All(training, s => Assert.Contains(s.Side, new long[] { 16, 24, 32 }));
        Assert.NotEmpty(evaluation);
        Assert.All(evaluation, s => Assert.Equal(32, s.Side));
        // Every delivered example was trained on (resizing keeps rows), and counted.
        Assert.Equal(outcome.Record.Examples, training.Sum(s => s.Rows));
    }

    [Theory]
    [InlineData(0, 3, 3, 1.5, 0.1, "coarsest_side")]
    [InlineData(40, 3, 3, 1.5, 0.1, "coarsest_side")]
    [InlineData(16, 0, 3, 1.5, 0.1, "sides")]
    [InlineData(16, 3, 0, 1.5, 0.1, "long_cycles")]
    [InlineData(16, 3, 3, 0.0, 0.1, "epoch_factor")]
    [InlineData(16, 3, 3, 11.0, 0.1, "epoch_factor")]
    [InlineData(16, 3, 3, 1.5, 1.0, "final_share")]
    [InlineData(20, 3, 3, 1.5, 0.1, "coarsest_side and sides")]
    public void Bad_hyperparameters_are_config_errors_naming_them(int coarsest, int sides, int cycles, double epochFactor, double finalShare, string named)
    {
        _ = TorchFixture.Cpu;
        using var smoke = new SmokeResNet(3);
        var error = Assert.Throws<ConfigException>(() => smoke.Create(new MultigridSubmission(),
            new MultigridHyperparameters(coarsest, sides, cycles, epochFactor, finalShare)));
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void Both_papers_share_one_resolution_method()
    {
        _ = TorchFixture.Cpu;
        using var smoke = new SmokeResNet(3);
        using var multigrid = smoke.Create(new MultigridSubmission(), null);
        using var smoke2 = new SmokeResNet(3);
        using var progressive = smoke2.Create(new EfficientNetV2Submission(), null);
        Assert.IsType<ResolutionScheduleMethod>(multigrid);
        Assert.IsType<ResolutionScheduleMethod>(progressive);
    }
}
