using Bench.Submissions.MarsM;
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

    [Theory]
    [InlineData("blocks.0.qkv.weight", 2, true)]
    [InlineData("stages.1.conv.weight", 4, true)]
    [InlineData("tokens.weight", 2, false)]      // embedding table: AdamW
    [InlineData("head.weight", 2, false)]        // output layer: AdamW
    [InlineData("positions", 2, false)]          // modadd's position table, a bare parameter: AdamW
    [InlineData("positions.weight", 2, false)]   // the char GPT's position Embedding: AdamW
    [InlineData("blocks.0.qkv.bias", 1, false)]  // vectors: AdamW
    public void Only_hidden_matrices_go_to_muon(string name, int dims, bool expected)
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        var parameter = torch.zeros(Enumerable.Repeat(2L, dims).ToArray());
        Assert.Equal(expected, MuonSubmission.IsHiddenMatrix(name, parameter));
    }
}
