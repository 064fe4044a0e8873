using Bench.Contracts;
using Bench.Submissions.Mechanisms;
using Bench.Submissions.Srigl;
using Bench.Tests.Shared;
using Bench.Workloads;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Srigl;

/// <summary>
/// Golden tests of SRigL on the smoke-scale fashion-mnist MLP (784-128-10): the hidden layer becomes a constant fan-in
/// layer at 90%, the masks hold through steps, an update step keeps constant fan-in (ablated neurons none), zeroes pruned
/// and regrown weights and skips the optimizer, the update schedule, the FLOPs by hand, bad input.
/// </summary>
public class SriglSubmissionTests
{
    static readonly IWorkload Workload = WorkloadRegistry.Get("fashion-mnist");

    /// <summary>A smoke-scale fashion-mnist run and its fresh model.</summary>
    sealed class SmokeMlp : IDisposable
    {
        public readonly IWorkloadRun Run = Workload.Open(new RunContext(Workload.Scale("smoke"), 0, TorchFixture.Cpu, TestData.Root));
        public readonly nn.Module Model;

        public SmokeMlp(long seed)
        {
            torch.manual_seed(seed);
            Model = Run.CreateModel();
        }

        public IReplaceableLayers Layers => (IReplaceableLayers)Model;

        public TrainingMethod Create(SriglHyperparameters? h = null) =>
            new SriglSubmission().Create(new TrainingSetup("fashion-mnist", Workload.Scale("smoke"), Workload.Baseline("smoke"), Model,
                TorchFixture.Cpu, new WorkloadAccess(Run, 0), h is null ? null : Hyperparameters.Of(h)));

        public ConstantFanInLinear Hidden => (ConstantFanInLinear)Layers.Layers.Single(l => l.Name == "layers.0").Module;

        /// <summary>One harness step through the method's hooks.</summary>
        public void Step(TrainingMethod method, IBatchSource batches, TrainingState state)
        {
            using var scope = NewDisposeScope();
            var batch = method.TransformBatch(batches.Next(method.BatchSize), state);
            Model.zero_grad();
            Run.Loss(Model, batch).backward();
            method.AfterBackward(state);
            method.OptimizerStep(state);
            method.AfterStep(state);
        }

        public void Dispose()
        {
            Model.Dispose();
            Run.Dispose();
        }
    }

    static bool[] Bools(Tensor t) => t.to(ScalarType.Bool).data<bool>().ToArray();

    static float[] Floats(Tensor t) => t.detach().contiguous().data<float>().ToArray();

    [Fact]
    public void The_hidden_layer_becomes_a_constant_fan_in_layer_at_ninety_percent_and_the_head_stays_dense()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeMlp(3);
        var dense = ((Linear)smoke.Layers.Layers[0].Module).weight!.detach().clone();

        using var method = smoke.Create();

        Assert.IsType<Linear>(smoke.Layers.Layers[1].Module);
        var layer = smoke.Hidden;
        // floor(128 x 784 x 0.1) = 10,035 non-zeros over 128 neurons: 78 each.
        Assert.All(layer.FanIns(), f => Assert.Equal(78, f));
        var mask = layer.Mask();
        var weight = Floats(layer.Weight);
        var initial = Floats(dense);
        for (var p = 0; p < mask.Length; p++) Assert.Equal(mask[p] ? initial[p] : 0f, weight[p]);
        Assert.Contains(layer.Weight, smoke.Model.parameters());
    }

    [Fact]
    public void Flops_per_example_are_the_hand_count_of_the_sparse_layer_and_an_update_step_adds_the_dense_weight_gradient()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeMlp(3);
        var batches = smoke.Run.TrainBatches(0);

        using var method = smoke.Create();

        // Dense: 3 x 2 x (784 x 128 + 128 x 10) = 609,792. Sparse: the hidden layer's 2 x 100,352 forward becomes
        // 2 x 9,984 (128 x 78): 3 x 2 x 90,368 = 542,208 less, 67,584. An update step adds the dense weight gradient's
        // 2 x 90,368 = 180,736: 248,320.
        Assert.Equal(609_792, smoke.Run.TrainFlopsPerExample);
        method.TransformBatch(batches.Next(method.BatchSize), new TrainingState { StepHint = 300, Step = 0 });
        Assert.Equal(67_584, method.FlopsPerExample);
        method.AfterStep(new TrainingState { StepHint = 300, Step = 98 });
        Assert.Equal(248_320, method.FlopsPerExample);
        method.AfterStep(new TrainingState { StepHint = 300, Step = 99 });
        Assert.Equal(67_584, method.FlopsPerExample);
    }

    [Theory]
    [InlineData(99, 100, 225, true)]
    [InlineData(100, 100, 225, false)]
    [InlineData(199, 100, 225, true)]
    [InlineData(299, 100, 225, false)]  // past T_end
    [InlineData(224, 25, 225, false)]   // t = 225 = T_end: no update at the end
    [InlineData(0, 1, 10, true)]
    public void Masks_update_every_interval_steps_before_the_end(long step, int interval, long end, bool expected) =>
        Assert.Equal(expected, SriglSubmission.IsUpdateStep(step, interval, end));

    [Theory]
    [InlineData(300, 0.75, 225)]
    [InlineData(3000, 0.75, 2250)]
    [InlineData(3000, 1.0, 3000)]
    public void The_end_step_is_the_fraction_of_the_budget(long budget, double fraction, long expected) =>
        Assert.Equal(expected, SriglSubmission.EndStep(budget, fraction));

    [Fact]
    public void Steps_keep_pruned_weights_and_their_gradients_at_zero_and_an_update_keeps_constant_fan_in_with_regrowth_at_zero()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeMlp(5);
        var h = new SriglHyperparameters(UpdateInterval: 20, SalientFraction: 0.3);
        using var method = smoke.Create(h);
        var layer = smoke.Hidden;
        var batches = smoke.Run.TrainBatches(0);
        var before = layer.Mask();
        for (var step = 0; step < 19; step++)
        {
            smoke.Step(method, batches, new TrainingState { StepHint = 300, Step = step });
            var w = Floats(layer.Weight);
            Assert.All(Enumerable.Range(0, w.Length).Where(p => !before[p]), p => Assert.Equal(0f, w[p]));
        }
        var grad = Floats(layer.Weight.grad!);
        Assert.All(Enumerable.Range(0, grad.Length).Where(p => !before[p]), p => Assert.Equal(0f, grad[p]));
        Assert.Equal(before, layer.Mask()); // no update before step 20

        // Step 19 (t = 20) updates the mask from the dense gradient instead of an optimizer step.
        var state = new TrainingState { StepHint = 300, Step = 19 };
        var batch = method.TransformBatch(batches.Next(method.BatchSize), state);
        smoke.Model.zero_grad();
        smoke.Run.Loss(smoke.Model, batch).backward();
        var denseGradient = Floats(layer.Weight.grad!);
        Assert.Contains(Enumerable.Range(0, denseGradient.Length), p => !before[p] && denseGradient[p] != 0); // the dense gradient
        var weightBefore = Floats(layer.Weight);
        method.AfterBackward(state);
        method.OptimizerStep(state);
        method.AfterStep(state);

        var after = layer.Mask();
        var weight = Floats(layer.Weight);
        Assert.NotEqual(before, after);
        var fanIns = layer.FanIns();
        var active = fanIns.Where(f => f > 0).Distinct().ToArray();
        Assert.Single(active);
        Assert.True(active[0] * fanIns.Count(f => f > 0) <= 10_035);
        for (var p = 0; p < after.Length; p++)
        {
            if (!after[p]) Assert.Equal(0f, weight[p]);                          // pruned (or never active): zero
            else if (!before[p]) Assert.Equal(0f, weight[p]);                    // regrown: starts at zero
            else Assert.Equal(weightBefore[p], weight[p]);                       // kept: untouched (no optimizer step)
        }
        // Drop fraction at t = 20 of T_end = 225: 0.15 (1 + cos(20 pi / 225)). With every neuron still active, as many
        // positions leave the mask as enter it, at most the round-down of drop x 10,035 (some dropped ones are regrown).
        Assert.All(fanIns, f => Assert.Equal(78, f));
        var drop = 0.15 * (1 + Math.Cos(Math.PI * 20 / 225));
        var left = Enumerable.Range(0, after.Length).Count(p => before[p] && !after[p]);
        var entered = Enumerable.Range(0, after.Length).Count(p => !before[p] && after[p]);
        Assert.Equal(left, entered);
        Assert.InRange(left, 1, (int)Math.Floor(10_035 * drop));
    }

    [Fact]
    public void An_update_ablates_a_neuron_with_no_salient_weights()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeMlp(5);
        using var method = smoke.Create(new SriglHyperparameters(UpdateInterval: 1));
        var layer = smoke.Hidden;
        using (no_grad())
        {
            // Neuron 7's weights tiny, its gradient zeroed below: nothing of it is salient.
            layer.Weight[7].mul_(1e-6);
        }
        var batches = smoke.Run.TrainBatches(0);
        var state = new TrainingState { StepHint = 300, Step = 0 };
        var batch = method.TransformBatch(batches.Next(method.BatchSize), state);
        smoke.Model.zero_grad();
        smoke.Run.Loss(smoke.Model, batch).backward();
        using (no_grad()) layer.Weight.grad![7].zero_();

        method.AfterBackward(state);

        var fanIns = layer.FanIns();
        Assert.Equal(0, fanIns[7]);
        Assert.All(Floats(layer.Weight[7]), w => Assert.Equal(0f, w));
        var fanIn = fanIns.Where(f => f > 0).Distinct().Single();
        Assert.Equal(10_035 / fanIns.Count(f => f > 0), fanIn); // the survivors share the budget
    }

    [Theory]
    [InlineData("sparsity", "1", "sparsity must be in (0, 1)")]
    [InlineData("sparsity", "0", "sparsity must be in (0, 1)")]
    [InlineData("update_interval", "0", "update_interval must be an integer >= 1")]
    [InlineData("drop_fraction", "0", "drop_fraction must be in (0, 1]")]
    [InlineData("drop_fraction", "1.5", "drop_fraction must be in (0, 1]")]
    [InlineData("end_fraction", "0", "end_fraction must be in (0, 1]")]
    [InlineData("salient_fraction", "1", "salient_fraction must be in [0, 1)")]
    [InlineData("salient_fraction", "-0.1", "salient_fraction must be in [0, 1)")]
    public void A_hyperparameter_out_of_range_is_a_config_error_naming_it(string name, string value, string message)
    {
        var defaults = new SriglSubmission().DefaultHyperparameters(Workload, "smoke");
        var resolved = Assert.Throws<ConfigException>(() =>
            Hyperparameters.Resolve(defaults, new Dictionary<string, string> { [name] = value }, "srigl"));
        Assert.Contains(message, resolved.Message);

        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeMlp(3);
        var number = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var h = name switch
        {
            "sparsity" => new SriglHyperparameters(Sparsity: number),
            "update_interval" => new SriglHyperparameters(UpdateInterval: (int)number),
            "drop_fraction" => new SriglHyperparameters(DropFraction: number),
            "end_fraction" => new SriglHyperparameters(EndFraction: number),
            _ => new SriglHyperparameters(SalientFraction: number),
        };
        var direct = Assert.Throws<ConfigException>(() => smoke.Create(h));
        Assert.Contains(message, direct.Message);
        Assert.All(smoke.Layers.Layers, l => Assert.IsType<Linear>(l.Module)); // nothing replaced before the check
    }

    [Fact]
    public void A_sparsity_leaving_a_neuron_no_weight_is_a_config_error()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeMlp(3);
        var error = Assert.Throws<ConfigException>(() => smoke.Create(new SriglHyperparameters(Sparsity: 0.9995)));
        Assert.Contains("less than one weight per neuron", error.Message);
    }

    [Fact]
    public void The_defaults_are_the_papers()
    {
        var h = Assert.IsType<SriglHyperparameters>(new SriglSubmission().DefaultHyperparameters(Workload, "cpu"));
        Assert.Equal(new SriglHyperparameters(0.9, 100, 0.3, 0.75, 0.3), h);
    }
}
