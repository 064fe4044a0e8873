using Bench.Submissions.MarsM;
using Bench.Workloads.Cifar10;
using Bench.Workloads.ModAdd;
using Bench.Workloads.TinyShakespeare;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Submissions.Tests.MarsM;

public class MuonTests
{
    [Fact]
    public void Newton_schulz_pushes_every_singular_value_towards_one_and_keeps_the_shape()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        foreach (var shape in new[] { (8L, 32L), (32L, 8L) })
        {
            // Singular values spread over two orders of magnitude.
            var g = torch.randn(shape.Item1, shape.Item2).matmul(torch.diag(torch.logspace(-1, 1, shape.Item2)));
            var o = NewtonSchulz.Orthogonalize(g);
            Assert.Equal(g.shape, o.shape);
            var singular = torch.linalg.svdvals(o).data<float>().ToArray();
            Assert.All(singular, s => Assert.InRange(s, 0.5f, 1.3f));
        }
    }

    [Fact]
    public void Mars_correction_adds_the_scaled_gradient_difference()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        // c = g + gamma * beta / (1 - beta) * (g - prev) = 1 + 0.025 * 0.95 / 0.05 * (1 - 3) = 1 - 0.95 = 0.05
        var c = MuonOptimizer.Corrected(torch.tensor(new float[] { 1 }), torch.tensor(new float[] { 3 }), 0.025, 0.95);
        Assert.Equal(0.05f, c.data<float>()[0], 5);
    }

    [Fact]
    public void Update_scale_matches_adamw_rms()
    {
        Assert.Equal(0.2 * Math.Sqrt(512), MuonOptimizer.Scale(128, 512), 12);
        Assert.Equal(0.2 * Math.Sqrt(512), MuonOptimizer.Scale(512, 128), 12);
    }

    /// <summary>The rule by parameter name that chose Muon's matrices before models listed their layers.</summary>
    static bool HiddenByName(string name, torch.Tensor parameter) =>
        parameter.dim() >= 2 && name != "positions" && !new[] { "tokens.", "positions.", "embedding", "head.", "classifier." }.Any(name.StartsWith);

    [Fact]
    public void Muon_gets_the_non_head_layer_weights_the_name_rule_chose_on_every_workload_it_runs_on()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        torch.nn.Module[] models =
        [
            new CharGpt(vocabulary: 10, context: 8, width: 16, layers: 2, heads: 2),
            new ModularAdditionTransformer(modulus: 7, width: 16, layers: 2, heads: 2),
            new SmallResNet([8, 16, 16], 10),
        ];
        foreach (var model in models)
        {
            var byName = model.named_parameters().Where(p => HiddenByName(p.name, p.parameter)).Select(p => p.parameter.Handle);
            var hidden = MuonSubmission.HiddenMatrices(model);
            Assert.NotEmpty(hidden);
            Assert.Equal(byName, hidden.Select(p => p.Handle));
            model.Dispose();
        }
    }

    [Fact]
    public void Muon_refuses_a_model_without_named_layers()
    {
        _ = TorchFixture.Cpu;
        using var model = torch.nn.Sequential(torch.nn.Linear(4, 4));
        Assert.Throws<NotSupportedException>(() => MuonSubmission.HiddenMatrices(model));
    }
}
