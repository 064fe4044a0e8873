using Bench.Submissions.ExpertChoiceMoe;
using Bench.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.ExpertChoiceMoe;

/// <summary>
/// Golden tests of the mixture's routing and output on tiny hand-made cases: two experts scoring tokens of width 2 with the
/// identity router, so token (a, b) has scores softmax(a, b): expert 0 gets σ(a − b), expert 1 σ(b − a).
/// </summary>
public class MixtureOfExpertsTests
{
    static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>A two-expert mixture of width 2 and hidden width 3 with the identity router and seeded random experts.</summary>
    static MixtureOfExperts TwoExperts(MoeRouting routing, double capacity, double auxiliary = 0)
    {
        manual_seed(5);
        var mixture = new MixtureOfExperts(width: 2, hidden: 3, experts: 2, routing, capacity, auxiliary);
        using (no_grad()) mixture.Router.copy_(eye(2));
        return mixture;
    }

    /// <summary>Expert <paramref name="e"/>'s network on one token, written out: GELU(x W₁ + b₁) W₂ + b₂.</summary>
    static Tensor Expert(MixtureOfExperts mixture, int e, Tensor token) =>
        nn.functional.gelu(token.unsqueeze(0).mm(mixture.Expand.Weight[e]) + mixture.Expand.Bias[e]).mm(mixture.Contract.Weight[e])
        + mixture.Contract.Bias[e];

    static Tensor Tokens(params double[][] rows) => tensor(rows.SelectMany(r => r).Select(v => (float)v).ToArray(), [rows.Length, 2]);

    [Fact]
    public void Expert_choice_gives_every_expert_exactly_its_capacity_of_its_highest_scoring_tokens()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        manual_seed(1);
        var scores = nn.functional.softmax(randn(50, 8), 1);

        var (gates, index) = MixtureOfExperts.ExpertChoiceRoute(scores, capacityFactor: 2);

        // k = n c / E = 50 x 2 / 8 = 12.5, rounded up to 13 for every expert, each a distinct token.
        Assert.Equal([8L, 13L], index.shape);
        for (var e = 0; e < 8; e++)
        {
            var mine = index[e].data<long>().ToHashSet();
            Assert.Equal(13, mine.Count);
            var column = scores[.., e];
            var lowestPicked = column.index_select(0, index[e]).min().item<float>();
            var highestLeft = Enumerable.Range(0, 50).Where(t => !mine.Contains(t)).Max(t => column[t].item<float>());
            Assert.True(lowestPicked >= highestLeft, $"expert {e} left a better token ({highestLeft} > {lowestPicked})");
            Assert.True(gates[e].eq(column.index_select(0, index[e])).all().item<bool>());
        }
        // 2048 tokens (the cpu scale's batch), c = 2, E = 8: k = 512 exactly, 2 passes per token.
        Assert.Equal(512, MixtureOfExperts.Capacity(2048, 2, 8));
    }

    [Fact]
    public void Expert_choice_output_is_the_gate_weighted_sum_of_the_experts_that_picked_each_token_by_hand()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var mixture = TwoExperts(MoeRouting.ExpertChoice, capacity: 1.5);
        // Expert 0 scores σ(1), σ(-1), σ(2), σ(-3); expert 1 the complements. k = 4 x 1.5 / 2 = 3: expert 0 takes
        // tokens 2, 0, 1 and expert 1 tokens 3, 1, 0, so tokens 0 and 1 get both experts and tokens 2 and 3 one each.
        var x = Tokens([1, 0], [0, 1], [2, 0], [0, 3]);

        var y = mixture.forward(x);

        using var noGrad = no_grad();
        Tensor Both(int t, double a) => Expert(mixture, 0, x[t]) * Sigmoid(a) + Expert(mixture, 1, x[t]) * Sigmoid(-a);
        var expected = cat([Both(0, 1), Both(1, -1), Expert(mixture, 0, x[2]) * Sigmoid(2), Expert(mixture, 1, x[3]) * Sigmoid(3)], 0);
        Assert.True(y.allclose(expected, rtol: 1e-5, atol: 1e-6), $"{y.str()} vs {expected.str()}");
    }

    [Fact]
    public void A_token_no_expert_picks_gets_zero_so_only_the_residual_carries_it()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var mixture = TwoExperts(MoeRouting.ExpertChoice, capacity: 0.5);
        // k = 4 x 0.5 / 2 = 1: expert 0 takes token 2 (σ(2)), expert 1 token 3 (σ(3)); tokens 0 and 1 are nobody's.
        var x = Tokens([1, 0], [0, 1], [2, 0], [0, 3]);

        var y = mixture.forward(x);

        using var noGrad = no_grad();
        Assert.Equal(0f, y[0].abs().sum().item<float>());
        Assert.Equal(0f, y[1].abs().sum().item<float>());
        Assert.True(y[2].allclose((Expert(mixture, 0, x[2]) * Sigmoid(2)).squeeze(0), rtol: 1e-5, atol: 1e-6));
        Assert.True(y[3].allclose((Expert(mixture, 1, x[3]) * Sigmoid(3)).squeeze(0), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Token_choice_sends_each_token_to_its_best_expert_and_drops_those_over_capacity_in_batch_order()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var mixture = TwoExperts(MoeRouting.TokenChoiceTop1, capacity: 1);
        // Capacity 4 x 1 / 2 = 2 per expert. Tokens 0, 1, 2 prefer expert 0 (σ(1), σ(2), σ(3)): the first two are kept,
        // token 2 is dropped; token 3 prefers expert 1 (σ(1)).
        var x = Tokens([1, 0], [2, 0], [3, 0], [0, 1]);

        var (gate, choice, kept) = MixtureOfExperts.TokenChoiceRoute(mixture.Scores(x), 1);
        var y = mixture.forward(x);

        Assert.Equal([0L, 0, 0, 1], choice.data<long>().ToArray());
        Assert.Equal([true, true, false, true], kept.data<bool>().ToArray());
        Assert.True(gate.allclose(tensor(new[] { (float)Sigmoid(1), (float)Sigmoid(2), (float)Sigmoid(3), (float)Sigmoid(1) }), rtol: 1e-5));
        using var noGrad = no_grad();
        var expected = cat([Expert(mixture, 0, x[0]) * Sigmoid(1), Expert(mixture, 0, x[1]) * Sigmoid(2), zeros(1, 2),
            Expert(mixture, 1, x[3]) * Sigmoid(1)], 0);
        Assert.True(y.allclose(expected, rtol: 1e-5, atol: 1e-6), $"{y.str()} vs {expected.str()}");
        Assert.Equal(0.75, mixture.ExpertPassesPerToken);
    }

    [Theory]
    [InlineData(MoeRouting.ExpertChoice)]
    [InlineData(MoeRouting.TokenChoiceTop1)]
    public void Gradients_reach_the_router_and_every_expert_that_ran(MoeRouting routing)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var mixture = new MixtureOfExperts(width: 8, hidden: 16, experts: 4, routing, capacityFactor: 2);
        var x = randn(2, 16, 8);

        mixture.forward(x).square().sum().backward();

        Assert.True(mixture.Router.grad is { } r && r.abs().sum().item<float>() > 0, "router");
        foreach (var p in new[] { mixture.Expand.Weight, mixture.Expand.Bias, mixture.Contract.Weight, mixture.Contract.Bias })
            for (var e = 0; e < 4; e++)
                Assert.True(p.grad![e].abs().sum().item<float>() > 0, $"expert {e}");
    }

    [Fact]
    public void Switchs_auxiliary_loss_is_alpha_E_sum_of_share_times_mean_probability_and_adds_its_gradient_to_the_router()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var mixture = TwoExperts(MoeRouting.TokenChoiceTop1, capacity: 2, auxiliary: 0.01);
        var x = Tokens([1, 0], [2, 0], [3, 0], [0, 1]);

        mixture.forward(x).sum().backward();
        var taskGradient = mixture.Router.grad!.clone();
        // Shares f = (3/4, 1/4); mean probabilities P₀ = (σ(1) + σ(2) + σ(3) + σ(-1)) / 4, P₁ = 1 − P₀.
        var p0 = (Sigmoid(1) + Sigmoid(2) + Sigmoid(3) + Sigmoid(-1)) / 4;
        Assert.Equal(0.01 * 2 * (0.75 * p0 + 0.25 * (1 - p0)), mixture.PendingAuxiliaryLoss!.item<float>(), 1e-6);

        mixture.BackwardAuxiliaryLoss();

        Assert.Null(mixture.PendingAuxiliaryLoss);
        Assert.False(mixture.Router.grad!.allclose(taskGradient), "the auxiliary loss added nothing to the router's gradient");
        mixture.BackwardAuxiliaryLoss(); // nothing pending: a no-op
    }

    [Fact]
    public void Evaluation_builds_no_auxiliary_loss_and_keeps_the_training_pass_count()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var mixture = TwoExperts(MoeRouting.TokenChoiceTop1, capacity: 1, auxiliary: 0.01);
        mixture.eval();
        using (no_grad()) mixture.forward(Tokens([1, 0], [2, 0], [3, 0], [0, 1]));
        Assert.Null(mixture.PendingAuxiliaryLoss);
        Assert.True(double.IsNaN(mixture.ExpertPassesPerToken));
        // Nominal count before any training forward: router 2·2·2 + one pass of 4·2·3.
        Assert.Equal(8 + 24, mixture.ForwardFlopsPerPosition);
    }
}
