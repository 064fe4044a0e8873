using Bench.Contracts;
using Bench.Submissions.Cuttlefish;
using Bench.Submissions.Mechanisms;
using Bench.Tests.Shared;
using Bench.Workloads;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Cuttlefish;

/// <summary>
/// Golden tests of Cuttlefish on a smoke-scale cifar10 SmallResNet (widths 8-16-32): which layers are tracked, when the
/// switch fires, which layers it factorises and at what rank, the FLOPs by hand, training after the switch, bad input.
/// </summary>
public class CuttlefishSubmissionTests
{
    static readonly IWorkload Workload = WorkloadRegistry.Get("cifar10");

    /// <summary>A rule that finds every layer stable as soon as the window allows: the switch is due at check <paramref name="window"/>.</summary>
    static CuttlefishHyperparameters Eager(int checkEvery, int window) => new(CheckEvery: checkEvery, Window: window, Threshold: 1e6);

    static CuttlefishMethod Create(SmokeResNet smoke, CuttlefishHyperparameters? h = null) =>
        (CuttlefishMethod)smoke.Create(new CuttlefishSubmission(), h);

    /// <summary>Runs the method's after-step hook for 0-based steps <paramref name="from"/> to <paramref name="to"/> (no update: the weights stay as
    /// set).</summary>
    static void AfterSteps(CuttlefishMethod method, long from, long to)
    {
        for (var step = from; step <= to; step++)
        {
            using var scope = NewDisposeScope();
            method.AfterStep(new TrainingState { StepHint = 100, Step = step });
        }
    }

    [Fact]
    public void Every_convolution_is_tracked_except_the_first_and_the_head()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeResNet(31);
        Assert.Equal(
            ["stages.0.residual1", "stages.0.residual2", "stages.1.conv", "stages.1.residual1", "stages.1.residual2",
             "stages.2.conv", "stages.2.residual1", "stages.2.residual2"],
            CuttlefishSubmission.Tracked(smoke.Layers).Select(s => s.Name));
        using var method = Create(smoke);
        Assert.Null(method.SwitchedAfterStep);
        Assert.Equal(1, method.Stability.Checks); // the initial weights' check
        Assert.Same(smoke.Model, method.Model);
    }

    [Fact]
    public void The_switch_comes_one_check_after_every_layer_is_stable_and_not_before()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeResNet(31);
        using var method = Create(smoke, Eager(checkEvery: 2, window: 2));

        // Checks after steps 1 (check 1), 3 (check 2: all stable) and 5 (the switch); none after even steps.
        AfterSteps(method, 0, 2);
        Assert.Equal(2, method.Stability.Checks);
        Assert.False(method.Stability.AllStable);
        AfterSteps(method, 3, 4);
        Assert.True(method.Stability.AllStable);
        Assert.Null(method.SwitchedAfterStep);
        AfterSteps(method, 5, 5);
        Assert.Equal(5, method.SwitchedAfterStep);
    }

    [Fact]
    public void A_layer_whose_rank_keeps_moving_holds_the_switch_until_it_settles()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeResNet(31);
        using var method = Create(smoke, new CuttlefishHyperparameters(CheckEvery: 1, Window: 2, Threshold: 0.1));

        // stages.2.residual1 ([32, 288], full rank 32) gains one rank a check; the other layers do not move.
        for (var step = 0; step < 30; step++)
        {
            smoke.SetStableRank("stages.2.residual1", 1 + step);
            AfterSteps(method, step, step);
        }
        Assert.Null(method.SwitchedAfterStep);
        Assert.Equal(1, method.Stability.Stable.Count(s => !s));

        for (var step = 30; step < 60 && method.SwitchedAfterStep is null; step++) AfterSteps(method, step, step);
        Assert.NotNull(method.SwitchedAfterStep);
        Assert.True(method.SwitchedAfterStep > 31, $"switched after step {method.SwitchedAfterStep}, right after the rank stopped moving");
    }

    [Fact]
    public void At_the_switch_only_profitable_layers_are_factorised_at_their_scaled_stable_rank_and_the_first_and_last_stay_dense()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeResNet(31);
        var initial = StableRank.Of(CuttlefishSubmission.DenseWeight(smoke.Slot("stages.2.residual1"))!);
        using var method = Create(smoke, Eager(checkEvery: 1, window: 1));

        smoke.SetStableRank("stages.2.residual1", 2);
        smoke.SetStableRank("stages.0.conv", 1); // the first layer and the head: never factorised, however low their rank
        smoke.SetStableRank("head", 1);
        var x = randn(4, 3, 32, 32, generator: new Generator(32));
        smoke.Model.eval();
        var before = smoke.Model.forward(x);
        AfterSteps(method, 0, 1); // check 1: all stable; check 2: the switch

        // Scaled stable rank: 2 x full rank 32 / floor(initial stable rank), rounded up.
        var rank = (int)Math.Ceiling(2 * 32 / Math.Floor(initial) - 1e-9);
        Assert.InRange(rank, 2, 28); // below the break-even 32 x 288 / (288 + 32) = 28.8
        Assert.Equal(new Dictionary<string, int> { ["stages.2.residual1"] = rank }, method.Factorised);
        var layer = Assert.IsType<LowRankConv2d>(smoke.Slot("stages.2.residual1").Module);
        Assert.Equal(rank, layer.Rank);
        // The other layers' ranks did not move, so their scaled stable rank is their full rank: no saving, kept dense.
        Assert.All(smoke.Layers.Layers.Where(s => s.Name != "stages.2.residual1" && s.Name != "head"), s => Assert.IsType<Conv2d>(s.Module));
        Assert.IsType<Linear>(smoke.Slot("head").Module);
        // A rank-2 weight factorised at rank >= 2 is exact: the switch does not change the function.
        var after = smoke.Model.forward(x);
        var gap = (after - before).abs().max().item<float>();
        Assert.True(gap < 1e-4, $"the model's output moved by {gap} at the switch");
    }

    [Fact]
    public void Profitable_means_fewer_flops_than_the_dense_layer_by_hand()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeResNet(31);
        // stages.1.conv, 8 -> 16, 3x3: dense 2 x 8 x 16 x 9 = 2,304 a position; rank 13: 2 x 13 x (72 + 16) = 2,288 (cheaper),
        // rank 14: 2,464 (dearer, though below the full rank 16). stages.2.conv, 16 -> 32: dense 9,216; rank 13: 4,576.
        Assert.True(CuttlefishSubmission.Profitable(smoke.Slot("stages.1.conv"), 13));
        Assert.False(CuttlefishSubmission.Profitable(smoke.Slot("stages.1.conv"), 14));

        var factorised = CuttlefishSubmission.Factorise(smoke.Layers, new Dictionary<string, int> { ["stages.1.conv"] = 14, ["stages.2.conv"] = 13 });

        Assert.Equal(["stages.2.conv"], factorised);
        Assert.IsType<Conv2d>(smoke.Slot("stages.1.conv").Module);
        Assert.Equal(4_576, Assert.IsType<LowRankConv2d>(smoke.Slot("stages.2.conv").Module).ForwardFlopsPerPosition);
    }

    [Fact]
    public void After_the_switch_flops_fall_by_the_hand_count_and_a_step_trains_the_factors_under_a_new_optimizer()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeResNet(31);
        using var method = Create(smoke, Eager(checkEvery: 1, window: 1));
        var dense = smoke.Run.TrainFlopsPerExample;
        Assert.Equal(dense, method.FlopsPerExample);

        smoke.SetStableRank("stages.2.residual1", 2);
        AfterSteps(method, 0, 1);
        var rank = method.Factorised["stages.2.residual1"];

        // stages.2.residual1 at 4x4 = 16 positions: dense 2 x 32 x 32 x 9 = 18,432 a position, factorised
        // 2 x r x (288 + 32) = 640 r; training is 3 x forward.
        Assert.Equal(dense - 3 * 16 * (18_432 - 640.0 * rank), method.FlopsPerExample);
        Assert.True(method.FlopsPerExample < dense);

        var names = smoke.Model.named_parameters().Select(p => p.name).ToList();
        Assert.DoesNotContain("stages.2.residual1.weight", names);
        Assert.Contains("stages.2.residual1.u", names);
        Assert.Contains("stages.2.residual1.v", names);

        smoke.Model.train();
        var layer = (LowRankConv2d)smoke.Slot("stages.2.residual1").Module;
        var (u, v) = (layer.U.detach().clone(), layer.V.detach().clone());
        var batches = smoke.Run.TrainBatches(0);
        var state = new TrainingState { StepHint = 100, Step = 10 }; // past warmup: a nonzero rate
        smoke.Model.zero_grad();
        smoke.Run.Loss(smoke.Model, batches.Next(method.BatchSize)).backward();
        method.OptimizerStep(state);
        Assert.False(u.eq(layer.U).all().item<bool>(), "U did not train after the switch");
        Assert.False(v.eq(layer.V).all().item<bool>(), "V did not train after the switch");
    }

    [Theory]
    [InlineData("check_every", "0", "check_every must be in [1, 1000000]")]
    [InlineData("window", "0", "window must be in [1, 1000]")]
    [InlineData("threshold", "-0.1", "threshold must be in [0, 1e6]")]
    public void A_hyperparameter_out_of_range_is_a_config_error_naming_it(string name, string value, string message)
    {
        var defaults = new CuttlefishSubmission().DefaultHyperparameters(Workload, "smoke");
        var error = Assert.Throws<ConfigException>(() =>
            Hyperparameters.Resolve(defaults, new Dictionary<string, string> { [name] = value }, "cuttlefish"));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData(3, 16.0 / 3, 16, true, 16)]  // 3 x 5.33 = 16: the full rank
    [InlineData(2, 16.0 / 9, 16, true, 4)]   // 3.56 rounded up
    [InlineData(2, 16.0 / 9, 16, false, 2)]  // the plain stable rank
    [InlineData(9, 2.0, 16, true, 16)]       // capped at the full rank
    public void The_rank_is_the_stable_rank_scaled_by_full_over_initial_rounded_up_and_capped(int stable, double scale, int full, bool scaled, int expected) =>
        Assert.Equal(expected, CuttlefishSubmission.AdjustedRank(stable, scale, full, scaled));
}
