using Bench.Contracts;
using Bench.Submissions.Transformer24Sparsity;
using Bench.Submissions.Tests.Common;
using Bench.Tests.Shared;
using Bench.Workloads;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static Bench.Submissions.Tests.Common.SmokeCharGpt;

namespace Bench.Submissions.Tests.Transformer24Sparsity;

/// <summary>
/// Golden tests of 2:4-sparse training on a smoke-scale char-GPT (2 blocks, width 64, context 32, 65 characters): which
/// layers are masked, the masked decay in the step, the switch to dense, the FLOPs by hand, bad input.
/// </summary>
public class TwoFourSubmissionTests
{
    static readonly IWorkload Workload = WorkloadRegistry.Get("tinyshakespeare");

    static readonly string[] FeedForwardLayers = ["blocks.0.expand", "blocks.0.contract", "blocks.1.expand", "blocks.1.contract"];

    static TrainingMethod Create(SmokeCharGpt smoke, TwoFourHyperparameters? h = null) => smoke.Create(new TwoFourSubmission(), h);

    static TwoFourLinear Layer(SmokeCharGpt smoke, string name) => (TwoFourLinear)smoke.Layers.Layers.Single(l => l.Name == name).Module;

    [Fact]
    public void Only_the_feed_forward_layers_become_two_four_layers_with_the_dense_weights_and_their_names()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(13);
        var before = smoke.Snapshot();

        using var method = Create(smoke);

        Assert.Equal(FeedForwardLayers, smoke.Layers.Layers.Where(l => l.Module is TwoFourLinear).Select(l => l.Name));
        Assert.All(smoke.Layers.Layers.Where(l => l.Module is not TwoFourLinear), l => Assert.IsType<Linear>(l.Module));
        // Same parameter names and values: the optimizer (and its weight-decay groups) sees what the baseline sees.
        var after = smoke.Model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, p => Assert.True(Same(p.Value, after[p.Key]), $"{p.Key} changed"));
        Assert.All(FeedForwardLayers, name => Assert.True(Layer(smoke, name).Masked));
        Assert.Same(smoke.Model, method.Model);
    }

    [Fact]
    public void Flops_per_example_are_the_hand_count_of_the_masked_model_then_of_the_dense_model_in_the_last_tenth()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(13);
        var batches = smoke.Run.TrainBatches(0);

        using var method = Create(smoke);

        // Dense (LowRankSubmissionTests): 21,245,952. Masked, each feed-forward layer's forward costs 64 x 256 a token
        // instead of 2 x 64 x 256 = 32,768 and its backward stays dense (2 x 32,768): 16,384 less a layer, 65,536 for the
        // four, x 32 tokens = 2,097,152 less: 19,148,800.
        Assert.Equal(21_245_952, smoke.Run.TrainFlopsPerExample);
        Assert.Equal(19_148_800, method.FlopsPerExample);

        // A budget of 100 steps at dense_fraction 0.1: steps 0-89 masked, 90-99 dense, each priced in its own phase.
        var last = new TrainingState { StepHint = 100, Step = 89 };
        method.TransformBatch(batches.Next(method.BatchSize), last);
        Assert.True(Layer(smoke, "blocks.1.contract").Masked);
        method.AfterStep(last);
        Assert.Equal(21_245_952, method.FlopsPerExample);
        Assert.All(FeedForwardLayers, name => Assert.False(Layer(smoke, name).Masked));
        method.TransformBatch(batches.Next(method.BatchSize), new TrainingState { StepHint = 100, Step = 90 });
        Assert.All(FeedForwardLayers, name => Assert.False(Layer(smoke, name).Masked));
    }

    [Theory]
    [InlineData(100, 0.1, 90)]
    [InlineData(100, 0.2, 80)]
    [InlineData(100, 0.0, 100)]
    [InlineData(1000, 0.15, 850)]
    [InlineData(0, 0.1, long.MaxValue)]
    public void The_dense_phase_starts_at_the_budget_less_its_fraction(long budget, double fraction, long expected) =>
        Assert.Equal(expected, TwoFourSubmission.DenseFrom(budget, fraction));

    [Fact]
    public void A_step_adds_the_masked_decay_to_the_feed_forward_gradients_and_trains_the_dense_weight()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(13);
        using var method = Create(smoke, new TwoFourHyperparameters(MaskedDecay: 0.05));
        var layer = Layer(smoke, "blocks.0.expand");
        var state = new TrainingState { StepHint = 300, Step = 10 }; // past warmup: a nonzero rate
        var batches = smoke.Run.TrainBatches(0);
        var weight = layer.Weight.detach().clone();

        var batch = method.TransformBatch(batches.Next(method.BatchSize), state);
        smoke.Model.zero_grad();
        smoke.Run.Loss(smoke.Model, batch).backward();
        var straightThrough = layer.Weight.grad!.clone();
        method.AfterBackward(state);

        var mask = layer.LastMask()!;
        var gap = (layer.Weight.grad! - straightThrough - 0.05 * (1 - mask) * weight).abs().max().item<float>();
        Assert.True(gap < 1e-6, $"the gradient is not the straight-through one plus 0.05 (1 - M) W (gap {gap})");
        method.OptimizerStep(state);
        Assert.False(Same(weight, layer.Weight), "the dense weight did not train");
    }

    [Theory]
    [InlineData("masked_decay", "-0.001", "masked_decay must be in [0, 1]")]
    [InlineData("masked_decay", "2", "masked_decay must be in [0, 1]")]
    [InlineData("dense_fraction", "1", "dense_fraction must be in [0, 1)")]
    [InlineData("dense_fraction", "-0.1", "dense_fraction must be in [0, 1)")]
    public void A_hyperparameter_out_of_range_is_a_config_error_naming_it(string name, string value, string message)
    {
        var defaults = new TwoFourSubmission().DefaultHyperparameters(Workload, "smoke");
        var resolved = Assert.Throws<ConfigException>(() =>
            Hyperparameters.Resolve(defaults, new Dictionary<string, string> { [name] = value }, "two-four"));
        Assert.Contains(message, resolved.Message);

        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(13);
        var number = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var h = name == "masked_decay" ? new TwoFourHyperparameters(MaskedDecay: number) : new TwoFourHyperparameters(DenseFraction: number);
        var direct = Assert.Throws<ConfigException>(() => Create(smoke, h));
        Assert.Contains(message, direct.Message);
        Assert.All(smoke.Layers.Layers, l => Assert.IsType<Linear>(l.Module)); // nothing replaced before the check
    }

    [Fact]
    public void The_defaults_are_srste_decay_and_a_tenth_dense()
    {
        var h = Assert.IsType<TwoFourHyperparameters>(new TwoFourSubmission().DefaultHyperparameters(Workload, "cpu"));
        Assert.Equal(2e-4, h.MaskedDecay);
        Assert.Equal(0.1, h.DenseFraction);
    }
}
