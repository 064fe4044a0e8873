using Bench.Contracts;
using Bench.Submissions.SparseImagenetTransfer;
using Bench.Submissions.Tests.Cuttlefish;
using Bench.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.SparseImagenetTransfer;

/// <summary>
/// Golden tests of gradual magnitude pruning on a smoke-scale cifar10 SmallResNet: the cubic schedule's values, the exact
/// count of zeros a prune leaves, masks that hold through optimizer steps, and bad hyperparameters.
/// </summary>
public class GmpSubmissionTests
{
    [Theory]
    [InlineData(100, 0.0)]      // t0: nothing pruned yet
    [InlineData(200, 0.7875)]   // halfway: s_f (1 - 0.5^3) = 0.9 x 0.875
    [InlineData(300, 0.9)]      // t_end: the final sparsity
    [InlineData(50, 0.0)]       // before t0
    [InlineData(400, 0.9)]      // after t_end
    [InlineData(150, 0.5203125)] // a quarter in: 0.9 x (1 - 0.75^3)
    public void The_cubic_schedule_rises_from_zero_at_t0_to_the_final_sparsity_at_t_end(long step, double expected) =>
        Assert.Equal(expected, CubicSparsity.At(step, start: 100, end: 300, final: 0.9), 12);

    [Fact]
    public void Masks_are_updated_every_delta_t_steps_inside_the_window_and_at_its_end()
    {
        var steps = Enumerable.Range(0, 40).Where(t => CubicSparsity.IsPruneStep(t, start: 5, end: 31, every: 10)).ToList();
        Assert.Equal([15, 25, 31], steps);
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.8)]
    [InlineData(0.37)]
    public void Pruning_at_s_leaves_exactly_round_s_n_zeros_in_every_convolution(double sparsity)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeResNet(5);
        using var pruner = MagnitudePruner.OverConvolutions(smoke.Layers);
        Assert.Equal(9, pruner.Names.Count); // three convolutions a stage, the head left dense
        Assert.DoesNotContain("head", pruner.Names);
        var before = pruner.Weights.Select(w => w.detach().clone()).ToList();
        pruner.Prune(sparsity);
        for (var i = 0; i < pruner.Weights.Count; i++)
        {
            var (weight, original) = (pruner.Weights[i], before[i]);
            var n = weight.numel();
            Assert.Equal((long)Math.Round(sparsity * n, MidpointRounding.AwayFromZero), weight.eq(0).sum().item<long>());
            // The survivors are the largest magnitudes, unchanged.
            var kept = weight.ne(0);
            Assert.True(original.masked_select(kept).abs().min().item<float>() >= original.masked_select(kept.logical_not()).abs().max().item<float>());
            Assert.True(weight.masked_select(kept).eq(original.masked_select(kept)).all().item<bool>());
        }
    }

    [Fact]
    public void Pruned_weights_stay_zero_after_optimizer_steps_and_the_final_sparsity_is_reached_at_t_end()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeResNet(9);
        // Budget 20: t0 = 2, t_end = 10, masks every 2 steps.
        using var method = (GmpMethod)smoke.Create(new GmpSubmission(), new GmpHyperparameters(Sparsity: 0.8, StartFraction: 0.1, EndFraction: 0.5,
            PruneEvery: 2));
        var batches = smoke.Run.TrainBatches(0, TrainStream.All);
        var sparsities = new List<double>();
        for (var step = 0; step < 14; step++)
        {
            using var stepScope = NewDisposeScope();
            var state = new TrainingState { StepHint = 20, Step = step };
            var loss = smoke.Run.Loss(method.Model, batches.Next(method.BatchSize));
            method.Model.zero_grad();
            loss.backward();
            method.AfterBackward(state);
            var zerosBefore = method.Pruner.Weights.Select(w => w.eq(0)).ToList();
            method.OptimizerStep(state);
            method.AfterStep(state);
            // A weight zero before the step (pruned) is still zero after it: AdamW's moments and decay never revive it.
            for (var i = 0; i < zerosBefore.Count; i++)
                Assert.False(method.Pruner.Weights[i].masked_select(zerosBefore[i]).ne(0).any().item<bool>(), $"step {step}, layer {i}");
            sparsities.Add(method.Pruner.Sparsity());
        }
        Assert.Equal(0, sparsities[0]); // dense until t0
        Assert.Equal(0, sparsities[2]);
        Assert.InRange(sparsities[3], 0.01, 0.79); // pruned at step 4 (0-based 3), part of the way
        Assert.Equal(0.8, sparsities[9], 2); // t_end: 10 completed steps
        Assert.Equal(sparsities[9], sparsities[13]); // the mask holds after t_end
        Assert.True(sparsities.Zip(sparsities.Skip(1)).All(p => p.Second >= p.First), "sparsity never falls");
    }

    [Fact]
    public void The_method_reports_no_flops_of_its_own_so_steps_are_priced_dense()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeResNet(3);
        using var method = smoke.Create(new GmpSubmission(), null);
        Assert.Null(method.FlopsPerExample);
        Assert.Same(smoke.Model, method.Model);
    }

    [Theory]
    [InlineData(0.0, 0.1, 0.75, 10, "sparsity")]
    [InlineData(1.0, 0.1, 0.75, 10, "sparsity")]
    [InlineData(0.9, -0.1, 0.75, 10, "start_fraction")]
    [InlineData(0.9, 0.5, 0.5, 10, "end_fraction")]
    [InlineData(0.9, 0.1, 1.5, 10, "end_fraction")]
    [InlineData(0.9, 0.1, 0.75, 0, "prune_every")]
    public void Bad_hyperparameters_are_a_config_error_naming_the_range(double sparsity, double start, double end, int every, string name)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeResNet(3);
        var error = Assert.Throws<ConfigException>(() => smoke.Create(new GmpSubmission(), new GmpHyperparameters(sparsity, start, end, every)));
        Assert.Contains(name, error.Message);
    }
}
