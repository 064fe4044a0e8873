using Bench.Contracts;
using Bench.Submissions.Flip;
using Bench.Tests.Shared;
using Bench.Workloads;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Flip;

/// <summary>
/// Golden tests of flip on a smoke-scale cifar10-vit (64 patches, width 32, 2 blocks): how many tokens reach the encoder
/// in each phase, mask ratio 0 against the plain ViT, evaluation unmasked, the FLOPs by hand, bad input.
/// </summary>
public class FlipSubmissionTests
{
    /// <summary>Runs the layer it wraps and records the token count (dimension 1) of every input it sees.</summary>
    sealed class TokenCounter : nn.Module<Tensor, Tensor>
    {
        readonly nn.Module<Tensor, Tensor> inner;

        public TokenCounter(nn.Module<Tensor, Tensor> inner) : base(nameof(TokenCounter))
        {
            this.inner = inner;
            RegisterComponents();
        }

        public List<long> Seen { get; } = [];

        public override Tensor forward(Tensor x)
        {
            if (x.dim() == 3) Seen.Add(x.shape[1]);
            return inner.forward(x);
        }
    }

    static TokenCounter Count(SmokeVit smoke, string layer)
    {
        var slot = smoke.Layers.Layers.Single(l => l.Name == layer);
        var counter = new TokenCounter(slot.Module);
        smoke.Layers.ReplaceLayer(layer, counter);
        return counter;
    }

    /// <summary>One training step's forward and backward through the method's hooks, as the harness runs it.</summary>
    static void Step(SmokeVit smoke, TrainingMethod method, Batch batch, TrainingState state)
    {
        using var scope = NewDisposeScope();
        smoke.Model.train();
        var transformed = method.TransformBatch(batch, state);
        smoke.Model.zero_grad();
        smoke.Run.Loss(smoke.Model, transformed).backward();
        method.AfterBackward(state);
        method.OptimizerStep(state);
        method.AfterStep(state);
    }

    [Theory]
    [InlineData(0.5, 32)]
    [InlineData(0.75, 16)]
    public void Exactly_the_kept_patches_reach_the_embedding_and_every_block_while_masked_and_all_64_in_the_unmasked_phase(double ratio, long kept)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeVit(21);
        var embedding = Count(smoke, "embedding");
        var first = Count(smoke, "blocks.0.qkv");
        var last = Count(smoke, "blocks.1.expand");
        using var method = smoke.Create(new FlipSubmission(), new FlipHyperparameters(MaskRatio: ratio, UnmaskedFraction: 0.1));
        var batches = smoke.Run.TrainBatches(0);

        // A budget of 100 steps at unmasked_fraction 0.1: steps 0-89 masked, 90-99 on every patch.
        Step(smoke, method, batches.Next(method.BatchSize), new TrainingState { StepHint = 100, Step = 0 });
        Step(smoke, method, batches.Next(method.BatchSize), new TrainingState { StepHint = 100, Step = 89 });
        Step(smoke, method, batches.Next(method.BatchSize), new TrainingState { StepHint = 100, Step = 90 });

        Assert.Equal([kept, kept, 64], embedding.Seen);
        Assert.Equal([kept, kept, 64], first.Seen);
        Assert.Equal([kept, kept, 64], last.Seen);
    }

    [Fact]
    public void At_mask_ratio_0_the_masked_forward_is_the_plain_vits()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeVit(22);
        using var method = smoke.Create(new FlipSubmission(), new FlipHyperparameters(MaskRatio: 0));
        var batch = smoke.Run.TrainBatches(0).Next(8);
        smoke.Model.train();
        var plain = smoke.Model.forward(batch.Inputs);

        method.TransformBatch(batch, new TrainingState { StepHint = 100, Step = 0 });
        Assert.NotNull(smoke.Tokens.TokenSelector); // the masked phase, keeping all 64 in a random order
        var masked = smoke.Model.forward(batch.Inputs);

        Assert.True(masked.allclose(plain, rtol: 1e-4, atol: 1e-5), $"max difference {(masked - plain).abs().max().item<float>()}");
        Assert.Equal(smoke.Run.TrainFlopsPerExample, method.FlopsPerExample);
    }

    [Fact]
    public void Evaluation_sees_every_patch_and_the_plain_models_accuracy_while_training_is_masked()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeVit(23);
        var counter = Count(smoke, "blocks.0.qkv");
        using var method = smoke.Create(new FlipSubmission(), null);
        var state = new TrainingState { StepHint = 100, Step = 0 };
        Step(smoke, method, smoke.Run.TrainBatches(0).Next(method.BatchSize), state);
        Assert.NotNull(smoke.Tokens.TokenSelector); // still masked: the next step is masked too
        var installed = smoke.Tokens.TokenSelector!;
        var calls = 0;
        smoke.Tokens.TokenSelector = t => { calls++; return installed(t); };
        counter.Seen.Clear();

        // As the harness evaluates: eval() and no_grad on the method's model.
        var evaluated = method.ModelToEvaluate();
        evaluated.eval();
        Evaluation masked, plain;
        using (no_grad()) masked = smoke.Run.Evaluate(evaluated);
        var selector = smoke.Tokens.TokenSelector;
        smoke.Tokens.TokenSelector = null;
        using (no_grad()) plain = smoke.Run.Evaluate(evaluated);
        smoke.Tokens.TokenSelector = selector;

        Assert.Equal(0, calls);
        Assert.All(counter.Seen, n => Assert.Equal(64, n));
        Assert.NotEmpty(counter.Seen);
        Assert.Equal(plain["accuracy"], masked["accuracy"]);
    }

    [Fact]
    public void Flops_per_example_are_the_hand_count_at_the_kept_tokens_then_the_workloads_in_the_unmasked_phase()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeVit(24);
        var batches = smoke.Run.TrainBatches(0);

        // Smoke ViT (patch 4, width 32, 2 blocks, 10 classes). Per token: embedding 2·48·32 = 3,072; a block 2·12·32² =
        // 24,576 plus attention 4·tokens·32; head 2·32·10 = 640 once. 64 tokens: 64·3,072 + 64·2·(24,576 + 8,192) + 640
        // = 4,391,552 forward, x 3 = 13,174,656. 32 tokens: 32·3,072 + 32·2·(24,576 + 4,096) + 640 = 1,933,952, x 3 =
        // 5,801,856. 16 tokens: 16·3,072 + 16·2·(24,576 + 2,048) + 640 = 901,760, x 3 = 2,705,280.
        Assert.Equal(13_174_656, smoke.Run.TrainFlopsPerExample);
        using (var half = smoke.Create(new FlipSubmission(), null)) Assert.Equal(5_801_856, half.FlopsPerExample);
        using var method = smoke.Create(new FlipSubmission(), new FlipHyperparameters(MaskRatio: 0.75));
        Assert.Equal(2_705_280, method.FlopsPerExample);

        var last = new TrainingState { StepHint = 100, Step = 94 }; // unmasked_fraction 0.05: steps 95-99 unmasked
        method.TransformBatch(batches.Next(method.BatchSize), last);
        Assert.Equal(2_705_280, method.FlopsPerExample);
        method.AfterStep(last);
        Assert.Equal(13_174_656, method.FlopsPerExample);
        Assert.Null(smoke.Tokens.TokenSelector);
    }

    [Theory]
    [InlineData(100, 0.05, 95)]
    [InlineData(400, 0.05, 380)]
    [InlineData(100, 0.0, 100)]
    [InlineData(0, 0.05, long.MaxValue)]
    public void The_unmasked_phase_starts_at_the_budget_less_its_fraction(long budget, double fraction, long expected) =>
        Assert.Equal(expected, FlipSubmission.UnmaskedFrom(budget, fraction));

    [Fact]
    public void Two_trials_of_one_seed_mask_alike_and_another_seed_masks_otherwise()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeVit(25);
        var tokens = zeros(4, 64, 48);
        Tensor Draw(int seed)
        {
            using var method = smoke.Create(new FlipSubmission(), null, seed);
            method.TransformBatch(smoke.Run.TrainBatches(0).Next(4), new TrainingState { StepHint = 100, Step = 0 });
            return smoke.Tokens.TokenSelector!(tokens).DetachFromDisposeScope();
        }

        using var a = Draw(1);
        using var b = Draw(1);
        using var c = Draw(2);

        Assert.True(a.eq(b).all().item<bool>());
        Assert.False(a.eq(c).all().item<bool>());
    }

    [Theory]
    [InlineData("mask_ratio", "1", "mask_ratio must be in [0, 1)")]
    [InlineData("mask_ratio", "-0.1", "mask_ratio must be in [0, 1)")]
    [InlineData("unmasked_fraction", "1", "unmasked_fraction must be in [0, 1)")]
    [InlineData("unmasked_fraction", "-0.01", "unmasked_fraction must be in [0, 1)")]
    public void A_hyperparameter_out_of_range_is_a_config_error_naming_it(string name, string value, string message)
    {
        var defaults = new FlipSubmission().DefaultHyperparameters(SmokeVit.Workload, "smoke");
        var resolved = Assert.Throws<ConfigException>(() =>
            Hyperparameters.Resolve(defaults, new Dictionary<string, string> { [name] = value }, "flip"));
        Assert.Contains(message, resolved.Message);

        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeVit(26);
        var number = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var h = name == "mask_ratio" ? new FlipHyperparameters(MaskRatio: number) : new FlipHyperparameters(UnmaskedFraction: number);
        var direct = Assert.Throws<ConfigException>(() => smoke.Create(new FlipSubmission(), h));
        Assert.Contains(message, direct.Message);
    }

    [Fact]
    public void A_model_that_cannot_drop_tokens_is_a_config_error_naming_the_vit_workload()
    {
        _ = TorchFixture.Cpu;
        var workload = WorkloadRegistry.Get("cifar10");
        using var run = workload.Open(new RunContext(workload.Scale("smoke"), 0, TorchFixture.Cpu, TestData.Root));
        using var model = run.CreateModel();
        var setup = new TrainingSetup("cifar10", workload.Scale("smoke"), workload.Baseline("smoke"), model, TorchFixture.Cpu, new WorkloadAccess(run, 0));

        var error = Assert.Throws<ConfigException>(() => new FlipSubmission().Create(setup));

        Assert.Contains("cifar10-vit", error.Message);
    }

    [Fact]
    public void The_defaults_are_half_the_patches_dropped_and_the_last_5_percent_unmasked()
    {
        var h = Assert.IsType<FlipHyperparameters>(new FlipSubmission().DefaultHyperparameters(SmokeVit.Workload, "cpu"));
        Assert.Equal(0.5, h.MaskRatio);
        Assert.Equal(0.05, h.UnmaskedFraction);
    }
}
