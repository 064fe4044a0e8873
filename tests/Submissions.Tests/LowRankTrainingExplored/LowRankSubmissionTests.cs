using Bench.Contracts;
using Bench.Submissions.LowRankTrainingExplored;
using Bench.Submissions.Mechanisms;
using Bench.Submissions.Tests.Common;
using Bench.Tests.Shared;
using Bench.Workloads;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static Bench.Submissions.Tests.Common.SmokeCharGpt;

namespace Bench.Submissions.Tests.LowRankTrainingExplored;

/// <summary>
/// Golden tests of low-rank training on a smoke-scale char-GPT (2 blocks, width 64, context 32, 65 characters): which
/// layers are factorised and at what rank, the spectral initialisation, the FLOPs by hand, what trains, bad input.
/// </summary>
public class LowRankSubmissionTests
{
    static readonly IWorkload Workload = WorkloadRegistry.Get("tinyshakespeare");

    static TrainingMethod Create(SmokeCharGpt smoke, LowRankHyperparameters? h = null) => smoke.Create(new LowRankSubmission(), h);

    [Fact]
    public void Only_the_feed_forward_layers_become_low_rank_at_half_the_width_and_head_embeddings_and_attention_are_untouched()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(11);
        var before = smoke.Snapshot();

        using var method = Create(smoke);

        var factorised = smoke.Layers.Layers.Where(l => l.Module is LowRankLinear).Select(l => l.Name).ToList();
        Assert.Equal(["blocks.0.expand", "blocks.0.contract", "blocks.1.expand", "blocks.1.contract"], factorised);
        // Rank 0.5 x min(64, 256) = 32 for both feed-forward layers.
        Assert.All(smoke.Layers.Layers.Where(l => l.Module is LowRankLinear), l => Assert.Equal(32, ((LowRankLinear)l.Module).Rank));
        Assert.All(smoke.Layers.Layers.Where(l => l.Module is not LowRankLinear), l => Assert.IsType<Linear>(l.Module));
        foreach (var name in new[] { "tokens.weight", "positions.weight", "head.weight", "head.bias", "blocks.0.qkv.weight", "blocks.1.projection.weight" })
            Assert.True(Same(before[name], smoke.Model.named_parameters().Single(p => p.name == name).parameter), $"{name} changed");
        Assert.Same(smoke.Model, method.Model);
    }

    [Fact]
    public void The_attention_hyperparameter_factorises_both_projections_too_and_still_not_the_head()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(11);

        using var method = Create(smoke, new LowRankHyperparameters(RankFraction: 0.25, FactoriseAttention: true));

        var ranks = smoke.Layers.Layers.ToDictionary(l => l.Name, l => (l.Module as LowRankLinear)?.Rank);
        // 0.25 x min(in, out): qkv 64 -> 192, projection 64 -> 64, expand 64 -> 256, contract 256 -> 64: all 16.
        foreach (var block in new[] { "blocks.0", "blocks.1" })
            foreach (var layer in new[] { "qkv", "projection", "expand", "contract" })
                Assert.Equal(16, ranks[$"{block}.{layer}"]);
        Assert.Null(ranks["head"]);
    }

    /// <summary>The best rank-<paramref name="rank"/> approximation of <paramref name="w"/> (Eckart-Young), in float64.</summary>
    static Tensor BestApproximation(Tensor w, int rank)
    {
        var (u, s, vh) = linalg.svd(w.to(ScalarType.Float64), fullMatrices: false);
        return u.narrow(1, 0, rank).mm(diag(s.narrow(0, 0, rank))).mm(vh.narrow(0, 0, rank));
    }

    [Fact]
    public void Spectral_init_is_the_best_rank_r_approximation_of_the_dense_init_and_the_dense_init_itself_at_full_rank()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        foreach (var (fraction, rank) in new[] { (0.5, 32), (1.0, 64) })
        {
            using var smoke = new SmokeCharGpt(11);
            var before = smoke.Snapshot();

            using var method = Create(smoke, new LowRankHyperparameters(RankFraction: fraction));

            foreach (var slot in smoke.Layers.Layers.Where(l => l.Module is LowRankLinear))
            {
                var layer = (LowRankLinear)slot.Module;
                var dense = before[$"{slot.Name}.weight"];
                Assert.Equal(rank, layer.Rank);
                var product = layer.DenseWeight().to(ScalarType.Float64);
                var expected = rank == 64 ? dense.to(ScalarType.Float64) : BestApproximation(dense, rank);
                var gap = (product - expected).abs().max().item<double>();
                Assert.True(gap < 1e-5, $"{slot.Name} at rank {rank}: U V differs from the expected weight by {gap}");
                Assert.True(Same(before[$"{slot.Name}.bias"], layer.Bias!), $"{slot.Name}: the bias is not the dense init's");
            }
        }
    }

    [Fact]
    public void Plain_init_draws_fresh_factors_and_a_zero_bias_instead()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(11);
        var before = smoke.Snapshot();

        using var method = Create(smoke, new LowRankHyperparameters(SpectralInit: false));

        var layer = (LowRankLinear)smoke.Layers.Layers.Single(l => l.Name == "blocks.0.expand").Module;
        Assert.Equal(32, layer.Rank);
        var gap = (layer.DenseWeight().to(ScalarType.Float64) - BestApproximation(before["blocks.0.expand.weight"], 32)).abs().max().item<double>();
        Assert.True(gap > 1e-2, $"plain factors equal the spectral ones (gap {gap})");
        Assert.Equal(0, layer.Bias!.abs().sum().item<float>());
    }

    [Fact]
    public void Flops_per_example_are_the_hand_count_of_the_factorised_model()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(11);

        using var method = Create(smoke);

        // Dense, per token: each block 2 x (3 + 1 + 4 + 4) x 64² = 98,304 for its layers plus 2 x 2 x 32 x 64 = 8,192
        // for the attention scores, so 106,496; the head 2 x 64 x 65 = 8,320. Two blocks and the head: 221,312 a token,
        // x 32 tokens = 7,081,984 forward, x 3 = 21,245,952 to train on an example.
        Assert.Equal(21_245_952, smoke.Run.TrainFlopsPerExample);
        // Rank 32: expand 2 x 32 x (64 + 256) = 20,480 instead of 2 x 64 x 256 = 32,768, contract the same: 24,576 less a
        // block a token; x 2 blocks x 32 tokens x 3 = 4,718,592 less an example: 16,527,360.
        Assert.Equal(16_527_360, method.FlopsPerExample);
    }

    [Fact]
    public void The_replaced_dense_weights_leave_the_model_and_a_step_trains_the_factors()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(11);
        var denseCount = smoke.Model.parameters().Sum(p => p.numel());

        using var method = Create(smoke);

        var names = smoke.Model.named_parameters().Select(p => p.name).ToList();
        foreach (var layer in new[] { "blocks.0.expand", "blocks.0.contract", "blocks.1.expand", "blocks.1.contract" })
        {
            Assert.DoesNotContain($"{layer}.weight", names);
            Assert.Contains($"{layer}.u", names);
            Assert.Contains($"{layer}.v", names);
        }
        // Each of the four 64 x 256 weights (16,384) becomes factors of 256 x 32 + 32 x 64 = 10,240.
        Assert.Equal(denseCount - 4 * (16_384 - 10_240), smoke.Model.parameters().Sum(p => p.numel()));

        var factor = (LowRankLinear)smoke.Layers.Layers.Single(l => l.Name == "blocks.1.contract").Module;
        var (u, v) = (factor.U.detach().clone(), factor.V.detach().clone());
        var batches = smoke.Run.TrainBatches(0);
        var state = new TrainingState { StepHint = 300, Step = 10 }; // past warmup: a nonzero rate
        smoke.Model.zero_grad();
        smoke.Run.Loss(smoke.Model, batches.Next(method.BatchSize)).backward();
        method.OptimizerStep(state);
        Assert.False(Same(u, factor.U), "U did not train");
        Assert.False(Same(v, factor.V), "V did not train");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.25")]
    [InlineData("1.5")]
    public void A_rank_fraction_outside_zero_to_one_is_a_config_error_naming_it(string value)
    {
        var defaults = new LowRankSubmission().DefaultHyperparameters(Workload, "smoke");
        var resolved = Assert.Throws<ConfigException>(() =>
            Hyperparameters.Resolve(defaults, new Dictionary<string, string> { ["rank_fraction"] = value }, "low-rank"));
        Assert.Contains("rank_fraction must be in (0, 1]", resolved.Message);

        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(11);
        var direct = Assert.Throws<ConfigException>(() =>
            Create(smoke, new LowRankHyperparameters(RankFraction: double.Parse(value, System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Contains("rank_fraction must be in (0, 1]", direct.Message);
        Assert.All(smoke.Layers.Layers, l => Assert.IsType<Linear>(l.Module)); // nothing replaced before the check
    }
}
