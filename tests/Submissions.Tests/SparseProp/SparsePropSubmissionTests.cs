using Bench.Contracts;
using Bench.Submissions.Mechanisms;
using Bench.Submissions.SparseProp;
using Bench.Tests.Shared;
using Bench.Workloads;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.SparseProp;

/// <summary>
/// Golden tests of SparseProp's sparse-from-scratch submission and its dense-masked control on fashion-mnist: which
/// layers become sparse and at what sparsity, the FLOPs by hand, that the two arms train identically and that pruned
/// weights stay zero, bad sparsity.
/// </summary>
public class SparsePropSubmissionTests
{
    static readonly IWorkload Workload = WorkloadRegistry.Get("fashion-mnist");

    [Fact]
    public void The_hidden_layers_become_csr_at_the_default_sparsity_by_magnitude_and_the_head_stays_dense()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var mlp = new SmokeMlp(4, "cpu");
        var before = mlp.Model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());

        using var method = mlp.Create(new SparsePropSubmission(control: false));

        var sparse = mlp.Layers.Layers.Where(l => l.Module is CsrLinear).Select(l => l.Name).ToList();
        Assert.Equal(["layers.0", "layers.1"], sparse);
        Assert.IsType<Linear>(mlp.Layers.Layers.Single(l => l.Role == LayerRole.Head).Module);
        foreach (var name in sparse)
        {
            var layer = (CsrLinear)mlp.Layers.Layers.Single(l => l.Name == name).Module;
            var weight = before[$"{name}.weight"];
            Assert.Equal(MagnitudeMask.Kept(weight.numel(), 0.6), layer.Pattern.Nonzeros);
            Assert.Equal(0.6, layer.Pattern.Sparsity, 4);
            // The kept values are the initial weight's largest-magnitude entries, unchanged.
            var expected = weight * MagnitudeMask.For(weight, 0.6);
            Assert.Equal(0, (layer.DenseWeight() - expected).abs().max().item<float>());
            Assert.Equal(0, (layer.Bias! - before[$"{name}.bias"]).abs().max().item<float>());
        }
        // cpu MLP 784-256-256-10: dense 3 x 2 x (200,704 + 65,536 + 2,560) = 1,612,800; at 0.6 the hidden layers keep
        // round(0.4 x 200,704) = 80,282 and round(0.4 x 65,536) = 26,214: 3 x 2 x (80,282 + 26,214 + 2,560) = 654,336.
        Assert.Equal(1_612_800, mlp.Run.TrainFlopsPerExample);
        Assert.Equal(654_336, method.FlopsPerExample);
        var names = mlp.Model.named_parameters().Select(p => p.name).ToList();
        Assert.Equal(["layers.0.values", "layers.0.bias", "layers.1.values", "layers.1.bias", "layers.2.weight", "layers.2.bias"], names);
    }

    [Fact]
    public void Flops_per_example_are_the_hand_count_of_the_nonzeros_and_the_control_is_priced_dense()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var sparse = new SmokeMlp(4);
        using var dense = new SmokeMlp(4);

        using var sparseMethod = sparse.Create(new SparsePropSubmission(control: false));
        using var denseMethod = dense.Create(new SparsePropSubmission(control: true));

        // Smoke MLP 784-128-10: dense 3 x 2 x (784 x 128 + 128 x 10) = 6 x 101,632 = 609,792 to train on an example.
        Assert.Equal(609_792, sparse.Run.TrainFlopsPerExample);
        // At 0.6 the hidden layer keeps round(0.4 x 100,352) = 40,141 weights: 3 x 2 x (40,141 + 1,280) = 248,526.
        Assert.Equal(248_526, sparseMethod.FlopsPerExample);
        Assert.Equal(609_792, denseMethod.FlopsPerExample);
    }

    [Fact]
    public void The_csr_arm_and_the_dense_masked_control_train_the_same_weights_and_pruned_weights_stay_zero()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var sparse = new SmokeMlp(9, "cpu");
        using var dense = new SmokeMlp(9, "cpu");
        using var sparseMethod = sparse.Create(new SparsePropSubmission(control: false), new SparsePropHyperparameters(0.95));
        using var denseMethod = dense.Create(new SparsePropSubmission(control: true), new SparsePropHyperparameters(0.95));
        var csr = sparse.Layers.Layers.Where(l => l.Module is CsrLinear).Select(l => (CsrLinear)l.Module).ToList();
        var masked = dense.Layers.Layers.Where(l => l.Module is MaskedLinear).Select(l => (MaskedLinear)l.Module).ToList();
        Assert.Equal(2, masked.Count);
        var initial = csr.Select(l => l.Values.detach().clone()).ToList();

        var batches = sparse.Run.TrainBatches(0);
        for (var step = 0; step < 5; step++)
        {
            using var stepScope = NewDisposeScope();
            var batch = batches.Next(sparseMethod.BatchSize);
            var state = new TrainingState { StepHint = 3000, Step = 100 + step }; // past warmup: a nonzero rate
            foreach (var (method, model, run) in new[] { (sparseMethod, sparse.Model, sparse.Run), (denseMethod, dense.Model, dense.Run) })
            {
                model.zero_grad();
                run.Loss(model, batch).backward();
                method.AfterBackward(state);
                method.OptimizerStep(state);
            }
        }

        for (var i = 0; i < csr.Count; i++)
        {
            var zeroOff = (masked[i].Weight * (1 - masked[i].Mask)).abs().max().item<float>();
            Assert.Equal(0, zeroOff); // the control's pruned weights are back at exactly zero after each step
            Assert.Equal(csr[i].Pattern.Nonzeros, (int)masked[i].Weight.ne(0).sum().item<long>());
            var gap = (csr[i].DenseWeight() - masked[i].Weight).abs().max().item<float>();
            Assert.True(gap < 1e-4, $"layer {i}: the two arms' weights differ by {gap} after 5 steps");
            var moved = (csr[i].Values - initial[i]).abs().max().item<float>();
            Assert.True(moved > 1e-4, $"layer {i}: the sparse values did not train (moved {moved})");
        }
    }

    [Theory]
    [InlineData("1")]
    [InlineData("-0.5")]
    [InlineData("1.5")]
    public void A_sparsity_outside_zero_to_one_is_a_config_error_naming_it_and_nothing_is_replaced(string value)
    {
        var defaults = new SparsePropSubmission(control: false).DefaultHyperparameters(Workload, "cpu");
        var resolved = Assert.Throws<ConfigException>(() =>
            Hyperparameters.Resolve(defaults, new Dictionary<string, string> { ["sparsity"] = value }, "sparseprop"));
        Assert.Contains("sparsity must be in [0, 1)", resolved.Message);

        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var mlp = new SmokeMlp(1);
        foreach (var control in new[] { false, true })
        {
            var direct = Assert.Throws<ConfigException>(() => mlp.Create(new SparsePropSubmission(control),
                new SparsePropHyperparameters(double.Parse(value, System.Globalization.CultureInfo.InvariantCulture))));
            Assert.Contains("sparsity must be in [0, 1)", direct.Message);
        }
        Assert.All(mlp.Layers.Layers, l => Assert.IsType<Linear>(l.Module));
    }
}
