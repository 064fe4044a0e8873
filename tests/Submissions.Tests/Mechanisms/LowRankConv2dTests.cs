using Bench.Submissions.Mechanisms;
using Bench.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Mechanisms;

public class LowRankConv2dTests
{
    [Theory]
    [InlineData(4, 6)]  // [out, in·k²] = [6, 36]: full rank 6
    [InlineData(1, 12)] // [12, 9]: full rank 9, fewer than the outputs
    public void From_dense_at_full_rank_reproduces_the_dense_convolution_output(int inputs, int outputs)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        manual_seed(21);
        using var dense = nn.Conv2d(inputs, outputs, 3, padding: 1, bias: true);
        var full = Math.Min(outputs, inputs * 9);
        using var layer = LowRankConv2d.FromDense(dense.weight!, dense.bias, full);
        var x = randn(2, inputs, 7, 5, generator: new Generator(22));

        var expected = dense.forward(x);
        var actual = layer.forward(x);

        Assert.Equal(expected.shape, actual.shape);
        var gap = (actual - expected).abs().max().item<float>();
        Assert.True(gap < 1e-5, $"the full-rank factorisation differs from the dense convolution by {gap}");
        Assert.Equal(full, layer.Rank);
        Assert.Equal([outputs, full, 1, 1], layer.U.shape);
        Assert.Equal([full, inputs, 3, 3], layer.V.shape);
    }

    [Fact]
    public void At_lower_rank_it_computes_the_convolution_with_the_best_rank_r_approximation_of_the_weight_matrix()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        manual_seed(23);
        using var dense = nn.Conv2d(5, 8, 3, padding: 1, bias: false);
        using var layer = LowRankConv2d.FromDense(dense.weight!, null, rank: 3);

        // Eckart-Young on the [8, 45] matrix: the best rank-3 error is the norm of the 5 dropped singular values.
        var matrix = dense.weight!.detach().reshape(8, -1);
        var dropped = linalg.svdvals(matrix).narrow(0, 3, 5).square().sum().sqrt().item<float>();
        Assert.Equal(dropped, (layer.DenseWeight().reshape(8, -1) - matrix).norm().item<float>(), 4);

        var x = randn(3, 5, 6, 6, generator: new Generator(24));
        var expected = nn.functional.conv2d(x, layer.DenseWeight(), padding: [1, 1]);
        var gap = (layer.forward(x) - expected).abs().max().item<float>();
        Assert.True(gap < 1e-5, $"the factorised layer differs from the convolution with U·V by {gap}");
    }

    [Fact]
    public void Its_flops_per_position_are_two_times_rank_times_in_k_squared_plus_out()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var dense = nn.Conv2d(16, 32, 3, padding: 1, bias: false);
        using var layer = LowRankConv2d.FromDense(dense.weight!, null, rank: 4);
        // k×k conv 16 -> 4: 4 x 16 x 9 = 576 multiply-adds; 1×1 conv 4 -> 32: 128; x 2 = 1,408.
        Assert.Equal(1_408, layer.ForwardFlopsPerPosition);
        Assert.Throws<ArgumentOutOfRangeException>(() => LowRankConv2d.FromDense(dense.weight!, null, rank: 0));
    }

    [Fact]
    public void Made_inside_a_dispose_scope_its_factors_outlive_the_scope()
    {
        _ = TorchFixture.Cpu;
        using var dense = nn.Conv2d(2, 3, 3, padding: 1, bias: true);
        LowRankConv2d layer;
        using (NewDisposeScope()) layer = LowRankConv2d.FromDense(dense.weight!, dense.bias, rank: 2);
        using (layer)
        {
            Assert.False(layer.U.IsInvalid);
            Assert.False(layer.V.IsInvalid);
            Assert.False(layer.Bias!.IsInvalid);
            using var scope = NewDisposeScope();
            Assert.Equal([1, 3, 4, 4], layer.forward(zeros(1, 2, 4, 4)).shape);
        }
    }
}
