using Bench.Contracts;
using Bench.Submissions.RandomLtd;
using Bench.Tests.Shared;
using Bench.Workloads;
using Bench.Workloads.Common;
using static TorchSharp.torch;
using static Bench.Submissions.Tests.Common.SmokeCharGpt;

namespace Bench.Submissions.Tests.RandomLtd;

/// <summary>
/// Golden tests of the random-LTD submission on the cpu-deep char-GPT (6 blocks, width 96, context 64, 65 characters):
/// which blocks drop tokens, the FLOPs per step by hand, the kept length through the hooks, training steps, bad input.
/// </summary>
public class RandomLtdSubmissionTests
{
    static readonly IWorkload Workload = WorkloadRegistry.Get("tinyshakespeare");

    sealed class DeepCharGpt : IDisposable
    {
        public readonly IWorkloadRun Run = Workload.Open(new RunContext(Workload.Scale("cpu-deep"), 0, TorchFixture.Cpu, TestData.Root));
        public readonly nn.Module Model;

        public DeepCharGpt(long seed)
        {
            manual_seed(seed);
            Model = Run.CreateModel();
        }

        public IReplaceableLayers Layers => (IReplaceableLayers)Model;

        public TrainingMethod Create(RandomLtdHyperparameters? h = null) =>
            new RandomLtdSubmission().Create(new TrainingSetup("tinyshakespeare", Workload.Scale("cpu-deep"), Workload.Baseline("cpu-deep"), Model,
                TorchFixture.Cpu, new WorkloadAccess(Run, 0), h is null ? null : Hyperparameters.Of(h)));

        public void Dispose()
        {
            Model.Dispose();
            Run.Dispose();
        }
    }

    [Fact]
    public void The_middle_blocks_are_wrapped_and_the_first_and_last_stay_dense_with_every_parameter_kept()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var deep = new DeepCharGpt(3);
        var before = deep.Model.parameters().Select(p => p.detach().clone()).ToList();
        var blocks = deep.Layers.Blocks.Select(b => b.Module).ToList();

        using var method = deep.Create();

        var after = deep.Layers.Blocks;
        Assert.Equal(["blocks.0", "blocks.1", "blocks.2", "blocks.3", "blocks.4", "blocks.5"], after.Select(b => b.Name));
        Assert.Same(blocks[0], after[0].Module);
        Assert.Same(blocks[5], after[5].Module);
        for (var i = 1; i <= 4; i++) Assert.Same(blocks[i], Assert.IsType<TokenDropBlock>(after[i].Module).Block);
        Assert.Contains("blocks.2.block.qkv", deep.Layers.Layers.Select(l => l.Name));
        Assert.Contains("blocks.2.block.qkv.weight", deep.Model.named_parameters().Select(p => p.name));
        var now = deep.Model.parameters().ToList();
        Assert.Equal(before.Count, now.Count);
        Assert.All(before.Zip(now), pair => Assert.True(Same(pair.First, pair.Second)));
    }

    [Fact]
    public void Flops_per_example_follow_the_kept_tokens_by_hand()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var deep = new DeepCharGpt(3);
        var batches = deep.Run.TrainBatches(0);

        using var method = deep.Create(new RandomLtdHyperparameters(RampFraction: 0.1));

        // Dense: 3 x 64 x (6 x (24 x 96² + 4 x 64 x 96) + 2 x 96 x 65) = 285,511,680. Keeping k of 64 in each of the four
        // middle blocks saves 3 x 4 x ((64 - k) x 24 x 96² + 4 x 96 x (64² - k²)): 99,090,432 at k = 32, 50,724,864 at 48.
        Assert.Equal(285_511_680, deep.Run.TrainFlopsPerExample);
        Assert.Equal(186_421_248, method.FlopsPerExample);
        // A budget of 1500 steps ramped over 150: step 75 keeps 32 + 32 x 75 / 150 = 48; from step 150 on, all 64.
        method.AfterStep(new TrainingState { StepHint = 1500, Step = 74 });
        Assert.Equal(234_786_816, method.FlopsPerExample);
        Assert.All(deep.Layers.Blocks.Skip(1).SkipLast(1), b => Assert.Equal(48, ((TokenDropBlock)b.Module).KeptTokens));
        method.TransformBatch(batches.Next(method.BatchSize), new TrainingState { StepHint = 1500, Step = 150 });
        Assert.Equal(285_511_680, method.FlopsPerExample);
    }

    [Fact]
    public void Two_steps_train_with_dropped_tokens_and_evaluation_sees_every_token()
    {
        _ = TorchFixture.Cpu;
        using var deep = new DeepCharGpt(4);
        using var method = deep.Create();
        var batches = deep.Run.TrainBatches(0);
        var wrapper = (TokenDropBlock)deep.Layers.Blocks[2].Module;
        var weight = deep.Model.parameters().First().detach().clone();

        for (var step = 0; step < 2; step++)
        {
            using var scope = NewDisposeScope();
            var state = new TrainingState { StepHint = 1500, Step = step };
            var batch = method.TransformBatch(batches.Next(method.BatchSize), state);
            var loss = deep.Run.Loss(method.Model, batch);
            Assert.Equal([32L, 32L], wrapper.LastKept!.shape);
            deep.Model.zero_grad();
            loss.backward();
            method.AfterBackward(state);
            method.OptimizerStep(state);
            method.AfterStep(state);
            Assert.True(double.IsFinite(loss.item<float>()));
        }
        Assert.False(Same(weight, deep.Model.parameters().First()), "the model did not train");

        deep.Model.eval();
        using (no_grad())
        {
            using var scope = NewDisposeScope();
            deep.Run.Evaluate(deep.Model);
        }
        Assert.Null(wrapper.LastKept);
        weight.Dispose();
    }

    [Theory]
    [InlineData("start_fraction", "0", "start_fraction must be in (0, 1]")]
    [InlineData("start_fraction", "1.5", "start_fraction must be in (0, 1]")]
    [InlineData("ramp_fraction", "-0.1", "ramp_fraction must be in [0, 1]")]
    [InlineData("ramp_fraction", "2", "ramp_fraction must be in [0, 1]")]
    public void A_hyperparameter_out_of_range_is_a_config_error_naming_it(string name, string value, string message)
    {
        var defaults = new RandomLtdSubmission().DefaultHyperparameters(Workload, "cpu-deep");
        var resolved = Assert.Throws<ConfigException>(() =>
            Hyperparameters.Resolve(defaults, new Dictionary<string, string> { [name] = value }, "random-ltd"));
        Assert.Contains(message, resolved.Message);

        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var deep = new DeepCharGpt(5);
        var number = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var h = name == "start_fraction" ? new RandomLtdHyperparameters(StartFraction: number) : new RandomLtdHyperparameters(RampFraction: number);
        var direct = Assert.Throws<ConfigException>(() => deep.Create(h));
        Assert.Contains(message, direct.Message);
        Assert.All(deep.Layers.Blocks, b => Assert.IsType<TransformerBlock>(b.Module)); // nothing wrapped before the check
    }

    [Fact]
    public void The_defaults_start_at_half_the_window_and_reach_it_at_seven_tenths_of_the_budget()
    {
        var h = Assert.IsType<RandomLtdHyperparameters>(new RandomLtdSubmission().DefaultHyperparameters(Workload, "cpu-deep"));
        Assert.Equal(0.5, h.StartFraction);
        Assert.Equal(0.7, h.RampFraction);
        Assert.True(h.LayerTokenLr);
    }
}
