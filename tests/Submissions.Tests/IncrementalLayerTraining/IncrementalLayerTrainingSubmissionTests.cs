using Bench.Contracts;
using Bench.Submissions.IncrementalLayerTraining;
using Bench.Submissions.Mechanisms;
using Bench.Submissions.Tests.Mechanisms;
using Bench.Tests.Shared;
using Bench.Workloads;
using Bench.Workloads.Common;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.IncrementalLayerTraining;

/// <summary>
/// Golden tests of incremental layer training on the cpu-deep char-GPT (6 blocks, width 96, context 64): the blocks it
/// runs per stage, the FLOPs per stage by hand, a growth that changes the function (the paper's point), the new
/// blocks joining the optimizer from their initialisation, flat memory across growths, bad schedules.
/// </summary>
public class IncrementalLayerTrainingSubmissionTests
{
    static readonly IncrementalLayerTrainingSubmission Submission = new();

    // Per example, training (3 x forward): each block's layers 24·96² = 221,184 a token plus its attention 4·64·96 = 24,576,
    // x 64 tokens x 3 = 47,185,920; the head 2·96·65 x 64 x 3 = 2,396,160.
    const double PerBlock = 47_185_920;
    const double Head = 2_396_160;

    [Fact]
    public void Flops_per_example_follow_the_active_depth_by_hand_and_equal_the_dense_model_at_full_depth()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var deep = new DeepCharGptRun(3);
        using var method = deep.Create(Submission);

        Assert.Equal(6 * PerBlock + Head, deep.Run.TrainFlopsPerExample);
        Assert.Equal(2 * PerBlock + Head, method.FlopsPerExample); // 96,768,000
        method.AfterStep(new TrainingState { StepHint = 1500, Step = 373 });
        Assert.Equal(2 * PerBlock + Head, method.FlopsPerExample);
        method.AfterStep(new TrainingState { StepHint = 1500, Step = 374 }); // step 375: 4 blocks
        Assert.Equal(4 * PerBlock + Head, method.FlopsPerExample); // 191,139,840
        method.AfterStep(new TrainingState { StepHint = 1500, Step = 749 }); // step 750: all 6
        Assert.Equal(deep.Run.TrainFlopsPerExample, method.FlopsPerExample);
    }

    [Fact]
    public void The_model_keeps_every_block_wrapped_in_place_with_only_the_first_stage_running_at_step_zero()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var deep = new DeepCharGptRun(3);
        var blocks = deep.Layers.Blocks.Select(b => b.Module).ToList();
        var parameters = deep.Model.parameters().Count();

        using var method = deep.Create(Submission);

        Assert.Same(deep.Model, method.Model);
        var gated = deep.Layers.Blocks.Select(b => Assert.IsType<GatedBlock>(b.Module)).ToList();
        Assert.Equal(blocks, gated.Select(g => g.Block));
        Assert.Equal([true, true, false, false, false, false], gated.Select(g => g.Active));
        Assert.Equal(parameters, deep.Model.parameters().Count());
        Assert.Contains("blocks.4.block.qkv", deep.Layers.Layers.Select(l => l.Name));
    }

    [Fact]
    public void A_growth_changes_the_function_and_the_new_blocks_join_the_optimizer_from_their_initialisation()
    {
        _ = TorchFixture.Cpu;
        using var deep = new DeepCharGptRun(4);
        var method = (StagedDepthMethod)deep.Create(Submission);
        var initial = deep.Snapshot(); // wrapping moves no parameter, it renames them under block
        for (var step = 0; step < 3; step++) Assert.True(float.IsFinite(deep.Step(method, step)));
        Assert.Equal(1, method.ParameterGroups);

        using var scope = NewDisposeScope();
        var trained = deep.Snapshot();
        // The blocks not yet added have not moved; the first stage's have.
        Assert.All(trained.Where(p => p.Key.StartsWith("blocks.2.") || p.Key.StartsWith("blocks.5.")), p => Assert.True(Same(initial[p.Key], p.Value), p.Key));
        Assert.False(Same(initial["blocks.0.block.qkv.weight"], trained["blocks.0.block.qkv.weight"]));

        var batch = deep.NextBatch(method);
        deep.Model.eval();
        var before = Logits(deep, batch);
        method.AfterStep(new TrainingState { StepHint = 1500, Step = 374 }); // the growth to 4 blocks, for step 375
        var after = Logits(deep, batch);

        Assert.Equal(3, method.ParameterGroups); // one group per new block, with fresh moments
        Assert.Equal([true, true, true, true, false, false], method.Gated.Select(g => g.Active));
        // New blocks from their initialisation change the output: the function is not preserved.
        Assert.True((after - before).abs().max().item<float>() > 1e-2, "the growth left the logits unchanged");

        deep.Model.train();
        Assert.True(float.IsFinite(deep.Step(method, 375)));
        Assert.False(Same(initial["blocks.2.block.qkv.weight"], deep.Model.named_parameters().First(p => p.name == "blocks.2.block.qkv.weight").parameter),
            "the new block did not train after joining");
        method.Dispose();
    }

    [Fact]
    public void Live_tensors_stay_flat_after_each_growth()
    {
        _ = TorchFixture.Cpu;
        using var deep = new DeepCharGptRun(5);
        // Growths at steps 3 (to 4 blocks) and 6 (to 6) of the 1500-step budget.
        using var method = (StagedDepthMethod)deep.Create(Submission, new IncrementalLayerTrainingHyperparameters(GrowthFraction: 0.004));
        Assert.Equal([0L, 3L, 6L], method.Schedule.StageStarts);

        var live = new List<long>();
        for (var step = 0; step < 14; step++)
        {
            deep.Step(method, step);
            live.Add(Tensor.TotalCount);
        }

        // A growth happens in AfterStep of the step before it (priced before the next step), so the count after step 2
        // holds the AdamW moments of blocks 2 and 3 and the count after step 5 those of blocks 4 and 5; within a stage it is flat.
        var trace = string.Join(",", live);
        Assert.True(live.Take(2).All(count => count == live[0]), "stage 0 grew: " + trace);
        Assert.True(live.Skip(2).Take(3).All(count => count == live[2]), "stage 1 grew: " + trace);
        Assert.True(live.Skip(5).All(count => count == live[5]), "full depth grew: " + trace);
        Assert.True(live[5] > live[2] && live[2] > live[1], "the growths added no optimizer state: " + trace);
    }

    [Theory]
    [InlineData("stages", "1", "stages must be in [2")]
    [InlineData("growth_fraction", "0", "growth_fraction must be in (0, 1)")]
    [InlineData("growth_fraction", "1", "growth_fraction must be in (0, 1)")]
    public void A_hyperparameter_out_of_range_is_a_config_error_naming_it(string name, string value, string message)
    {
        var defaults = Submission.DefaultHyperparameters(WorkloadRegistry.Get("tinyshakespeare"), "cpu-deep");
        var error = Assert.Throws<ConfigException>(() =>
            Hyperparameters.Resolve(defaults, new Dictionary<string, string> { [name] = value }, Submission.Id));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData(7, 0.5, "stages must be in [2, 6]")]
    [InlineData(6, 0.002, "every stage needs at least one step")]
    public void A_schedule_the_model_cannot_run_is_a_config_error_before_any_block_is_wrapped(int stages, double growth, string message)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var deep = new DeepCharGptRun(6);
        var error = Assert.Throws<ConfigException>(() => deep.Create(Submission, new IncrementalLayerTrainingHyperparameters(stages, growth)));
        Assert.Contains(message, error.Message);
        Assert.All(deep.Layers.Blocks, b => Assert.IsType<TransformerBlock>(b.Module));
    }

    [Fact]
    public void The_defaults_grow_in_three_stages_over_half_the_budget_and_in_two_on_the_two_block_models()
    {
        var workload = WorkloadRegistry.Get("tinyshakespeare");
        var h = Assert.IsType<IncrementalLayerTrainingHyperparameters>(Submission.DefaultHyperparameters(workload, "cpu-deep"));
        Assert.Equal((3, 0.5), (h.Stages, h.GrowthFraction));
        foreach (var (scale, stages) in new[] { ("smoke", 2), ("cpu", 2), ("cpu-deep", 3), ("gpu", 3) })
            Assert.Equal(stages, Assert.IsType<IncrementalLayerTrainingHyperparameters>(Submission.DefaultHyperparameters(workload, scale)).Stages);
    }

    static Tensor Logits(DeepCharGptRun deep, Batch batch)
    {
        using var _ = no_grad();
        return ((nn.Module<Tensor, Tensor>)deep.Model).forward(batch.Inputs);
    }

    static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
