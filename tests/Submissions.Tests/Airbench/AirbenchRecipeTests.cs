using Bench.Submissions.Airbench;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Submissions.Tests.Airbench;

public class AirbenchRecipeTests
{
    [Fact]
    public void The_papers_kilostep_settings_scale_with_the_batch_for_a_mean_loss()
    {
        // airbench94 at its own batch of 1024: 11.5 / (1 + 1/0.15) = 1.5 and 0.0153 / (1 + 1/0.15) = 0.0019957.
        Assert.Equal(1.5, AirbenchRecipe.MeanLossLearningRate(1024), 3);
        Assert.Equal(0.0019957, AirbenchRecipe.DecayPerStep(1024), 6);
        // A mean loss over 256 examples has a quarter of the summed gradient: 0.375 and 0.000499.
        Assert.Equal(0.375, AirbenchRecipe.MeanLossLearningRate(256), 3);
        Assert.Equal(0.00049893, AirbenchRecipe.DecayPerStep(256), 7);
    }

    [Fact]
    public void The_schedule_warms_up_from_0_2_to_1_over_23_percent_then_decays_to_0_07()
    {
        Assert.Equal(0.2, AirbenchRecipe.Schedule(0, 1000), 9);
        Assert.Equal(1.0, AirbenchRecipe.Schedule(230, 1000), 9);
        Assert.Equal(0.6, AirbenchRecipe.Schedule(115, 1000), 9);
        Assert.Equal(0.07, AirbenchRecipe.Schedule(1000, 1000), 9);
        Assert.Equal(1 + (0.07 - 1) * 0.5, AirbenchRecipe.Schedule(615, 1000), 9);
        Assert.Equal(0.0, AirbenchRecipe.LookaheadDecay(0, 100), 12);
        Assert.Equal(Math.Pow(0.95, 5) / 8, AirbenchRecipe.LookaheadDecay(50, 100), 12);
    }

    [Fact]
    public void Smoothed_targets_put_1_minus_e_plus_e_over_C_on_the_class_and_sum_to_one()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        var soft = AirbenchRecipe.SmoothedTargets(torch.tensor(new long[] { 2, 0 }), 4, smoothing: 0.2);
        Assert.Equal(new long[] { 2, 4 }, soft.shape);
        Assert.Equal(0.85f, soft[0, 2].item<float>(), 6);
        Assert.Equal(0.05f, soft[0, 1].item<float>(), 6);
        Assert.True(soft.sum(1).allclose(torch.ones(2)));
    }

    [Fact]
    public void Mirrored_evaluation_is_invariant_to_flipping_the_input()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(0);
        var weights = torch.randn(3, 4, 4);                            // a left-right asymmetric linear score
        torch.Tensor Score(torch.Tensor x) => x.mul(weights).sum(new long[] { 1, 2, 3 }).unsqueeze(1);
        var images = torch.randn(2, 3, 4, 4);
        Assert.False(Score(images).allclose(Score(images.flip(3))));
        Assert.True(AirbenchRecipe.Mirrored(Score, images).allclose(AirbenchRecipe.Mirrored(Score, images.flip(3)), rtol: 1e-5, atol: 1e-5));
        Assert.Equal(new long[] { 2, 1 }, AirbenchRecipe.Augmented(Score, images).shape);
    }
}
