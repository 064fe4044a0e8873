using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.SniperTraining;
using Bench.Submissions.Tests.Common;
using Bench.Tests.Shared;
using Bench.Workloads;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static Bench.Submissions.Tests.Common.SmokeCharGpt;

namespace Bench.Submissions.Tests.SniperTraining;

/// <summary>
/// Golden tests of SNIPER and its constant-sparsity control on a smoke-scale char-GPT (2 blocks, width 64, context 32,
/// 65 characters): which layers are masked, SNIP in the first step and its charge, the schedule, masked weights frozen
/// at 0, re-enabled weights at 0 or their initial values, the FLOPs of each step, equality with dense at sparsity 0.
/// </summary>
public class SniperSubmissionTests
{
    static readonly IWorkload Workload = WorkloadRegistry.Get("tinyshakespeare");

    static readonly string[] LinearLayers =
        ["blocks.0.qkv", "blocks.0.projection", "blocks.0.expand", "blocks.0.contract",
         "blocks.1.qkv", "blocks.1.projection", "blocks.1.expand", "blocks.1.contract", "head"];

    /// <summary>Prunable weights at smoke scale: per block 64·192 + 64·64 + 64·256 + 256·64 = 49,152, two blocks and the head's 65·64.</summary>
    const long Prunable = 2 * 49_152 + 4_160;

    static readonly SniperSubmission Sniper = new(constant: false);
    static readonly SniperSubmission Constant = new(constant: true);

    static List<MaskedLinear> Masked(SmokeCharGpt smoke) => [.. smoke.Layers.Layers.Select(l => (MaskedLinear)l.Module)];

    static TrainingState State(long stepHint, SmokeCharGpt smoke) =>
        new() { StepHint = stepHint, WorkloadFlopsPerExample = smoke.Run.TrainFlopsPerExample };

    /// <summary>One step as the harness runs it (TrialRunner.TrainStep), in its own dispose scope.</summary>
    static void Step(TrainingMethod method, SmokeCharGpt smoke, IBatchSource batches, TrainingState state)
    {
        using var scope = NewDisposeScope();
        state.MethodFlopsPerExample = method.FlopsPerExample;
        var batch = method.TransformBatch(batches.Next(method.BatchSize), state);
        var loss = smoke.Run.Loss(method.Model, batch);
        method.Model.zero_grad();
        loss.backward();
        method.AfterBackward(state);
        method.OptimizerStep(state);
        method.AfterStep(state);
        state.Step++;
        state.AddExamples(batch.Size);
    }

    /// <summary>The training FLOPs of an example with each layer at its density, counted by hand from the shapes.</summary>
    static double HandFlops(SmokeCharGpt smoke) =>
        smoke.Run.TrainFlopsPerExample - 3 * 32 * smoke.Layers.Layers.Sum(l =>
            2.0 * l.Inputs * l.Outputs * (1 - ((MaskedLinear)l.Module).Density));

    [Fact]
    public void Every_linear_layer_becomes_an_unmasked_masked_linear_with_the_dense_weights_and_their_names()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(13);
        var before = smoke.Snapshot();

        using var method = smoke.Create(Sniper, null);

        Assert.Equal(LinearLayers, smoke.Layers.Layers.Where(l => l.Module is MaskedLinear).Select(l => l.Name));
        var after = smoke.Model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, p => Assert.True(Same(p.Value, after[p.Key]), $"{p.Key} changed"));
        Assert.All(Masked(smoke), l => Assert.Null(l.Mask()));
        Assert.Equal(smoke.Run.TrainFlopsPerExample, method.FlopsPerExample);
    }

    [Fact]
    public void The_first_step_runs_snip_on_charged_batches_and_masks_the_global_share_at_zero_with_its_flops()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(13);
        using var method = smoke.Create(Sniper, null);
        var state = State(300, smoke);

        Step(method, smoke, smoke.Run.TrainBatches(0), state);

        // SNIP's ten batches of 32 are charged as training examples, at the dense price read for the first step.
        Assert.Equal(10 * 32, state.ChargedExamples);
        Assert.Equal((32 + 320) * smoke.Run.TrainFlopsPerExample, state.Flops, 0);
        var layers = Masked(smoke);
        var masked = 0L;
        foreach (var layer in layers)
        {
            var mask = layer.Mask()!;
            masked += mask.eq(0).sum().item<long>();
            Assert.True(layer.Density >= 0.25, $"a layer is masked beyond the 0.75 cap (density {layer.Density})");
            // Masked weights are 0 (and stay so after the first update: they got no gradient).
            Assert.True(layer.Weight.masked_select(mask.eq(0)).eq(0).all().item<bool>(), "a masked weight is not 0");
        }
        // 40% of all prunable weights, chosen globally: floor(0.4 x 102,464) = 40,985 (no layer reaches the cap here).
        Assert.Equal((long)Math.Floor(0.4 * Prunable), masked);
        Assert.True(layers.Select(l => l.Density).Distinct().Count() > 1, "every layer has the same density: not a global selection");
        Assert.Equal(HandFlops(smoke), method.FlopsPerExample!.Value, 0);
        Assert.True(method.FlopsPerExample < smoke.Run.TrainFlopsPerExample * 0.8);
    }

    [Theory]
    [InlineData(0, 0.4)]
    [InlineData(18, 0.4)]
    [InlineData(19, 0.2)]
    [InlineData(37, 0.2)]
    [InlineData(38, 0.1)]
    [InlineData(74, 0.1)]
    [InlineData(75, 0.0)]
    [InlineData(1499, 0.0)]
    public void The_sparsity_halves_at_a_quarter_and_a_half_of_the_sparse_phase_and_is_zero_from_its_end(long step, double expected)
    {
        // A budget of 1500 steps, dense at 5%: step 75; the halvings at 18.75 and 37.5 (the reference's epochs 5 and 10 of 20).
        Assert.Equal(expected, SniperSchedule.SparsityAt(step, 1500, 0.4, 0.05));
        Assert.Equal(0.4, Constant.SparsityAt(step, 1500, new SniperHyperparameters()));
    }

    [Fact]
    public void Without_a_budget_the_sparsity_stays_at_its_initial_value() =>
        Assert.Equal(0.4, SniperSchedule.SparsityAt(100_000, 0, 0.4, 0.05));

    [Fact]
    public void Masked_weights_get_no_gradient_and_no_update_while_the_kept_ones_train()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(13);
        using var method = smoke.Create(Constant, null);
        var state = State(300, smoke);
        var batches = smoke.Run.TrainBatches(0);
        Step(method, smoke, batches, state);
        var layers = Masked(smoke);
        var masks = layers.Select(l => l.Mask()!).ToList();
        var weights = layers.Select(l => l.Weight.detach().clone()).ToList();

        for (var i = 0; i < 3; i++) Step(method, smoke, batches, state);

        for (var i = 0; i < layers.Count; i++)
        {
            var dropped = masks[i].eq(0);
            Assert.True(Same(masks[i], layers[i].Mask()!), "the constant arm's mask changed");
            Assert.True(layers[i].Weight.grad!.masked_select(dropped).eq(0).all().item<bool>(), $"{LinearLayers[i]}: a masked weight has a gradient");
            Assert.True(layers[i].Weight.masked_select(dropped).eq(0).all().item<bool>(), $"{LinearLayers[i]}: a masked weight moved");
            var kept = masks[i].eq(1);
            Assert.False(Same(weights[i].masked_select(kept), layers[i].Weight.masked_select(kept)), $"{LinearLayers[i]}: the kept weights did not train");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void When_the_sparsity_halves_re_enabled_weights_start_at_exactly_zero_or_their_initial_values(bool restoreInit)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(13);
        var initial = smoke.Snapshot();
        using var method = smoke.Create(Sniper, new SniperHyperparameters(DenseAt: 1, SnipBatches: 2, RestoreInit: restoreInit));
        // A 40-step budget dense at its end: 40% for steps 0-9, 20% from step 10.
        var state = State(40, smoke);
        var batches = smoke.Run.TrainBatches(0);
        for (var i = 0; i < 9; i++) Step(method, smoke, batches, state);
        var layers = Masked(smoke);
        var before = layers.Select(l => l.Mask()!).ToList();

        Step(method, smoke, batches, state); // step 9 trains at 40%; its AfterStep sets step 10's mask

        var reenabled = 0L;
        for (var i = 0; i < layers.Count; i++)
        {
            var after = layers[i].Mask()!;
            Assert.True(after.ge(before[i]).all().item<bool>(), "the 20% mask drops a weight the 40% mask kept");
            var fresh = (after - before[i]).eq(1);
            reenabled += fresh.sum().item<long>();
            var expected = restoreInit ? initial[LinearLayers[i] + ".weight"].masked_select(fresh) : zeros(fresh.sum().item<long>());
            Assert.True(Same(expected, layers[i].Weight.masked_select(fresh)), $"{LinearLayers[i]}: a re-enabled weight does not start at its " +
                $"{(restoreInit ? "initial value" : "0")}");
        }
        Assert.Equal((long)Math.Floor(0.4 * Prunable) - (long)Math.Floor(0.2 * Prunable), reenabled);
        Assert.Equal(HandFlops(smoke), method.FlopsPerExample!.Value, 0);
    }

    [Fact]
    public void After_the_sparse_phase_sniper_is_dense_at_the_workloads_price_and_the_control_keeps_its_mask()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        foreach (var arm in new[] { Sniper, Constant })
        {
            using var smoke = new SmokeCharGpt(13);
            using var method = smoke.Create(arm, new SniperHyperparameters(SnipBatches: 1));
            Step(method, smoke, smoke.Run.TrainBatches(0), State(1500, smoke));
            var sparse = method.FlopsPerExample!.Value;

            method.AfterStep(new TrainingState { StepHint = 1500, Step = 74 }); // sets step 75's mask

            if (arm == Sniper)
            {
                Assert.All(Masked(smoke), l => Assert.Null(l.Mask()));
                Assert.Equal(smoke.Run.TrainFlopsPerExample, method.FlopsPerExample);
            }
            else
            {
                Assert.All(Masked(smoke), l => Assert.NotNull(l.Mask()));
                Assert.Equal(sparse, method.FlopsPerExample);
            }
        }
    }

    [Fact]
    public void At_sparsity_zero_training_equals_the_baselines_dense_training_and_charges_nothing()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var dense = new SmokeCharGpt(13);
        using var sparse = new SmokeCharGpt(13);
        using var baseline = dense.Create(new BaselineSubmission(), null);
        using var sniper = sparse.Create(Sniper, new SniperHyperparameters(InitialSparsity: 0));
        var (denseState, sparseState) = (State(300, dense), State(300, sparse));
        var (denseBatches, sparseBatches) = (dense.Run.TrainBatches(0), sparse.Run.TrainBatches(0));

        for (var i = 0; i < 3; i++)
        {
            Step(baseline, dense, denseBatches, denseState);
            Step(sniper, sparse, sparseBatches, sparseState);
        }

        var trained = sparse.Model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.All(dense.Model.named_parameters(), p => Assert.True(Same(p.parameter, trained[p.name]), $"{p.name} differs from dense training"));
        Assert.Equal(0, sparseState.ChargedExamples);
        Assert.Equal(sparse.Run.TrainFlopsPerExample, sniper.FlopsPerExample);
    }

    [Theory]
    [InlineData("initial_sparsity", "1", "initial_sparsity must be in [0, 1)")]
    [InlineData("initial_sparsity", "-0.1", "initial_sparsity must be in [0, 1)")]
    [InlineData("dense_at", "0", "dense_at must be in (0, 1]")]
    [InlineData("dense_at", "1.5", "dense_at must be in (0, 1]")]
    [InlineData("max_layer_sparsity", "1.1", "max_layer_sparsity must be in [0, 1]")]
    [InlineData("snip_batches", "0", "snip_batches must be in [1, 10000]")]
    public void A_hyperparameter_out_of_range_is_a_config_error_naming_it(string name, string value, string message)
    {
        var defaults = Sniper.DefaultHyperparameters(Workload, "smoke");
        var resolved = Assert.Throws<ConfigException>(() =>
            Hyperparameters.Resolve(defaults, new Dictionary<string, string> { [name] = value }, "sniper-training"));
        Assert.Contains(message, resolved.Message);

        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(13);
        var number = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var h = name switch
        {
            "initial_sparsity" => new SniperHyperparameters(InitialSparsity: number),
            "dense_at" => new SniperHyperparameters(DenseAt: number),
            "max_layer_sparsity" => new SniperHyperparameters(MaxLayerSparsity: number),
            _ => new SniperHyperparameters(SnipBatches: (int)number),
        };
        var direct = Assert.Throws<ConfigException>(() => smoke.Create(Sniper, h));
        Assert.Contains(message, direct.Message);
        Assert.All(smoke.Layers.Layers, l => Assert.IsType<Linear>(l.Module)); // nothing replaced before the check
    }

    [Fact]
    public void The_defaults_are_the_reference_configurations()
    {
        var h = Assert.IsType<SniperHyperparameters>(Constant.DefaultHyperparameters(Workload, "cpu"));
        Assert.Equal(new SniperHyperparameters(0.4, 0.05, 0.75, 10, RestoreInit: true), h);
    }
}
