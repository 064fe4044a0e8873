using Bench.Contracts;
using Bench.Submissions.ExpertChoiceMoe;
using Bench.Submissions.Tests.Common;
using Bench.Tests.Shared;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static Bench.Submissions.Tests.Common.SmokeCharGpt;

namespace Bench.Submissions.Tests.ExpertChoiceMoe;

/// <summary>
/// Both arms on a smoke-scale char-GPT (2 blocks, width 64, context 32, 65 characters): which MLP becomes a mixture, the
/// matched FLOPs by hand, the auxiliary loss in the step, bad input.
/// </summary>
public class MixtureOfExpertsSubmissionTests
{
    static readonly MixtureOfExpertsSubmission ExpertChoice = new(MoeRouting.ExpertChoice);
    static readonly MixtureOfExpertsSubmission Switch = new(MoeRouting.TokenChoiceTop1);

    [Fact]
    public void Every_other_blocks_mlp_becomes_an_eight_expert_mixture_and_the_rest_is_untouched()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(7);
        var before = smoke.Snapshot();

        using var method = smoke.Create(ExpertChoice, null);

        Assert.Equal(["blocks.0.qkv", "blocks.0.projection", "blocks.0.expand", "blocks.0.contract", "blocks.1.qkv", "blocks.1.projection",
            "blocks.1.feedForward", "head"], smoke.Layers.Layers.Select(l => l.Name));
        var mixture = Assert.IsType<MixtureOfExperts>(smoke.Layers.Layers.Single(l => l.Name == "blocks.1.feedForward").Module);
        Assert.Equal((8, 128, MoeRouting.ExpertChoice, 2.0, 0.0), (mixture.Experts, mixture.Hidden, mixture.Routing, mixture.CapacityFactor,
            mixture.AuxiliaryWeight));
        Assert.DoesNotContain(smoke.Model.named_parameters(), p => p.name.StartsWith("blocks.1.expand", StringComparison.Ordinal));
        Assert.Contains("blocks.1.feedForward.router", smoke.Model.state_dict().Keys);
        foreach (var name in new[] { "blocks.0.expand.weight", "blocks.0.contract.weight", "blocks.1.qkv.weight", "head.weight" })
            Assert.True(Same(before[name], smoke.Model.named_parameters().Single(p => p.name == name).parameter), $"{name} changed");

        using var control = new SmokeCharGpt(7);
        using var switchMethod = control.Create(Switch, null);
        var top1 = Assert.IsType<MixtureOfExperts>(control.Layers.Layers.Single(l => l.Name == "blocks.1.feedForward").Module);
        Assert.Equal((8, 256, MoeRouting.TokenChoiceTop1, 1.25, 0.01), (top1.Experts, top1.Hidden, top1.Routing, top1.CapacityFactor,
            top1.AuxiliaryWeight));
    }

    [Fact]
    public void Both_arms_cost_the_dense_mlp_plus_the_router_by_hand()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(7);
        using var control = new SmokeCharGpt(7);
        // Dense smoke figure 21,245,952 (see the low-rank card). Block 1's MLP, 16·64² = 65,536 a token, becomes a router
        // 2·64·8 = 1,024 plus expert passes: expert choice 2 passes of 4·64·128 = 32,768, Switch one of 4·64·256 = 65,536;
        // both 66,560 a token, 1,024 more, x 32 tokens x 3 = 98,304 more per example.
        const double expected = 21_245_952 + 98_304;
        Assert.Equal(21_245_952, smoke.Run.TrainFlopsPerExample);

        using var method = smoke.Create(ExpertChoice, null);
        using var switchMethod = control.Create(Switch, null);

        Assert.Equal(expected, method.FlopsPerExample);
        Assert.Equal(expected, switchMethod.FlopsPerExample);
    }

    [Fact]
    public void A_step_with_switch_back_propagates_its_auxiliary_loss_after_the_task_loss()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(7);
        using var method = smoke.Create(Switch, null);
        var mixture = (MixtureOfExperts)smoke.Layers.Layers.Single(l => l.Name == "blocks.1.feedForward").Module;
        var batch = smoke.Run.TrainBatches(0).Next(4);

        smoke.Run.Loss(smoke.Model, batch).backward();
        var taskGradient = mixture.Router.grad!.clone();
        Assert.NotNull(mixture.PendingAuxiliaryLoss);
        method.AfterBackward(new TrainingState());

        Assert.Null(mixture.PendingAuxiliaryLoss);
        Assert.False(mixture.Router.grad!.allclose(taskGradient));
        // A token keeps at most one expert pass, and the step is priced at the passes run.
        Assert.InRange(mixture.ExpertPassesPerToken, 0.01, 1.0);
    }

    [Theory]
    [InlineData("experts", 1)]
    [InlineData("capacity_factor", 0.0)]
    [InlineData("expert_width_multiple", -1.0)]
    [InlineData("moe_every", 3)]
    [InlineData("aux_loss_weight", 2.0)]
    public void A_bad_hyperparameter_is_a_config_error_naming_it(string name, double value)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(7);
        var h = new MoeHyperparameters();
        h = name switch
        {
            "experts" => h with { Experts = (int)value },
            "capacity_factor" => h with { CapacityFactor = value },
            "expert_width_multiple" => h with { ExpertWidthMultiple = value },
            "moe_every" => h with { MoeEvery = (int)value },
            _ => h with { AuxLossWeight = value },
        };
        var error = Assert.Throws<ConfigException>(() => smoke.Create(ExpertChoice, h).Dispose());
        Assert.Contains(name, error.Message);
    }
}
