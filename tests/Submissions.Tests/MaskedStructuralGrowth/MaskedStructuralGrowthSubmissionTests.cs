using Bench.Contracts;
using Bench.Submissions.MaskedStructuralGrowth;
using Bench.Submissions.Mechanisms;
using Bench.Submissions.Tests.Mechanisms;
using Bench.Tests.Shared;
using Bench.Workloads;
using Bench.Workloads.Common;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.MaskedStructuralGrowth;

/// <summary>
/// Golden tests of masked structural growth (depth) on the cpu-deep char-GPT (6 blocks, width 96, context 64): the
/// function exactly preserved at each growth (same logits and loss before and after), the mask ramp through the hooks,
/// the FLOPs per stage by hand, flat memory across growths, bad schedules.
/// </summary>
public class MaskedStructuralGrowthSubmissionTests
{
    static readonly MaskedStructuralGrowthSubmission Submission = new();

    // Per example, training: a block 3 x 64 x (24·96² + 4·64·96) = 47,185,920; the head 3 x 64 x 2·96·65 = 2,396,160.
    const double PerBlock = 47_185_920;
    const double Head = 2_396_160;

    [Fact]
    public void Each_growth_preserves_the_function_exactly_and_the_ramp_then_changes_it()
    {
        _ = TorchFixture.Cpu;
        using var deep = new DeepCharGptRun(7);
        var method = (StagedDepthMethod)deep.Create(Submission);
        for (var step = 0; step < 3; step++) Assert.True(float.IsFinite(deep.Step(method, step)));

        using var scope = NewDisposeScope();
        var batch = deep.NextBatch(method);
        deep.Model.eval();
        foreach (var (growth, blocks) in new[] { (375L, 4), (750L, 6) })
        {
            var (logitsBefore, lossBefore) = Forward(deep, batch);
            method.AfterStep(new TrainingState { StepHint = 1500, Step = growth - 1 }); // the growth, for step `growth`
            var (logitsAfter, lossAfter) = Forward(deep, batch);

            Assert.Equal(blocks, method.Schedule.DepthAt(growth));
            Assert.All(method.Gated.Skip(blocks - 2).Take(2), g => Assert.Equal(0, g.Gate));
            Assert.True(logitsAfter.eq(logitsBefore).all().item<bool>(), $"growth at {growth}: the logits changed by " +
                $"{(logitsAfter - logitsBefore).abs().max().item<float>()}");
            Assert.Equal(lossBefore, lossAfter);

            // One step into the ramp the new blocks pass 1/75 of their contribution: the function moves.
            method.TransformBatch(batch, new TrainingState { StepHint = 1500, Step = growth + 1 });
            Assert.All(method.Gated.Skip(blocks - 2).Take(2), g => Assert.Equal(1.0 / 75, g.Gate, 12));
            var (logitsRamped, _) = Forward(deep, batch);
            Assert.True((logitsRamped - logitsAfter).abs().max().item<float>() > 1e-5, $"the ramp after {growth} left the logits unchanged");
            method.TransformBatch(batch, new TrainingState { StepHint = 1500, Step = growth + 75 });
        }
        Assert.All(method.Gated, g => Assert.Equal(1, g.Gate));
        Assert.Equal(5, method.ParameterGroups); // the first stage's, then one per new block
        method.Dispose();
    }

    [Fact]
    public void At_a_growth_the_new_blocks_join_the_optimizer_unchanged_and_train_once_their_mask_is_above_zero()
    {
        _ = TorchFixture.Cpu;
        using var deep = new DeepCharGptRun(8);
        // Growths at steps 3 and 6, masks ramped over 3 steps.
        using var method = (StagedDepthMethod)deep.Create(Submission, new MaskedStructuralGrowthHyperparameters(GrowthFraction: 0.004, RampFraction: 0.002));
        var initial = deep.Snapshot();
        for (var step = 0; step < 4; step++) deep.Step(method, step);

        using var scope = NewDisposeScope();
        // Step 3 ran blocks 2 and 3 at mask 0 (skipped): they got no gradient and AdamW left them as they were.
        Assert.Equal(3, method.ParameterGroups);
        Assert.True(Same(initial["blocks.2.block.qkv.weight"], Parameter(deep, "blocks.2.block.qkv.weight")));
        deep.Step(method, 4); // mask 1/3
        Assert.False(Same(initial["blocks.2.block.qkv.weight"], Parameter(deep, "blocks.2.block.qkv.weight")), "the new block did not train");
        Assert.True(Same(initial["blocks.4.block.qkv.weight"], Parameter(deep, "blocks.4.block.qkv.weight")));
    }

    [Fact]
    public void Flops_per_example_count_the_blocks_that_run_by_hand()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var deep = new DeepCharGptRun(3);
        using var method = deep.Create(Submission);

        Assert.Equal(2 * PerBlock + Head, method.FlopsPerExample);
        method.AfterStep(new TrainingState { StepHint = 1500, Step = 374 }); // step 375: blocks 2 and 3 added at mask 0, not run
        Assert.Equal(2 * PerBlock + Head, method.FlopsPerExample);
        method.AfterStep(new TrainingState { StepHint = 1500, Step = 375 }); // step 376: mask 1/75, run
        Assert.Equal(4 * PerBlock + Head, method.FlopsPerExample);
        method.AfterStep(new TrainingState { StepHint = 1500, Step = 750 });
        Assert.Equal(deep.Run.TrainFlopsPerExample, method.FlopsPerExample);
    }

    [Fact]
    public void Live_tensors_stay_flat_after_each_growth()
    {
        _ = TorchFixture.Cpu;
        using var deep = new DeepCharGptRun(5);
        using var method = (StagedDepthMethod)deep.Create(Submission, new MaskedStructuralGrowthHyperparameters(GrowthFraction: 0.004, RampFraction: 0.002));
        Assert.Equal([0L, 3L, 6L], method.Schedule.StageStarts);

        var live = new List<long>();
        for (var step = 0; step < 14; step++)
        {
            deep.Step(method, step);
            live.Add(Tensor.TotalCount);
        }

        // Growths in AfterStep of steps 2 and 5; within a stage, ramp included, the count is flat.
        var trace = string.Join(",", live);
        Assert.True(live.Take(2).All(count => count == live[0]), "stage 0 grew: " + trace);
        Assert.True(live.Skip(2).Take(3).All(count => count == live[2]), "stage 1 grew: " + trace);
        Assert.True(live.Skip(5).All(count => count == live[5]), "full depth grew: " + trace);
        Assert.True(live[5] > live[2] && live[2] > live[1], "the growths added no optimizer state: " + trace);
    }

    [Theory]
    [InlineData("stages", "1", "stages must be in [2")]
    [InlineData("growth_fraction", "0", "growth_fraction must be in (0, 1)")]
    [InlineData("ramp_fraction", "-0.1", "ramp_fraction must be in [0, 1)")]
    [InlineData("ramp_fraction", "1", "ramp_fraction must be in [0, 1)")]
    public void A_hyperparameter_out_of_range_is_a_config_error_naming_it(string name, string value, string message)
    {
        var defaults = Submission.DefaultHyperparameters(WorkloadRegistry.Get("tinyshakespeare"), "cpu-deep");
        var error = Assert.Throws<ConfigException>(() =>
            Hyperparameters.Resolve(defaults, new Dictionary<string, string> { [name] = value }, Submission.Id));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData(7, 0.5, 0.05, "stages must be in [2, 6]")]
    [InlineData(3, 0.5, 0.3, "ramp_fraction gives a ramp of 450 steps")]
    public void A_schedule_the_model_cannot_run_is_a_config_error_before_any_block_is_wrapped(int stages, double growth, double ramp, string message)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var deep = new DeepCharGptRun(6);
        var error = Assert.Throws<ConfigException>(() => deep.Create(Submission, new MaskedStructuralGrowthHyperparameters(stages, growth, ramp)));
        Assert.Contains(message, error.Message);
        Assert.All(deep.Layers.Blocks, b => Assert.IsType<TransformerBlock>(b.Module));
    }

    [Fact]
    public void The_defaults_are_incremental_trainings_stages_with_a_ramp_of_a_twentieth_of_the_budget()
    {
        var workload = WorkloadRegistry.Get("tinyshakespeare");
        var h = Assert.IsType<MaskedStructuralGrowthHyperparameters>(Submission.DefaultHyperparameters(workload, "cpu-deep"));
        Assert.Equal((3, 0.5, 0.05), (h.Stages, h.GrowthFraction, h.RampFraction));
        foreach (var (scale, stages) in new[] { ("smoke", 2), ("cpu", 2), ("cpu-deep", 3), ("gpu", 3) })
            Assert.Equal(stages, Assert.IsType<MaskedStructuralGrowthHyperparameters>(Submission.DefaultHyperparameters(workload, scale)).Stages);
    }

    static (Tensor Logits, float Loss) Forward(DeepCharGptRun deep, Batch batch)
    {
        using var _ = no_grad();
        var logits = ((nn.Module<Tensor, Tensor>)deep.Model).forward(batch.Inputs);
        return (logits, deep.Run.Loss(deep.Model, batch).item<float>());
    }

    static Tensor Parameter(DeepCharGptRun deep, string name) => deep.Model.named_parameters().First(p => p.name == name).parameter;

    static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
