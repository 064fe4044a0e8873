using Bench.Submissions.Mechanisms;
using Bench.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Mechanisms;

/// <summary>
/// Golden tests of the CSR sparse linear layer against libtorch's dense linear with the masked weight W⊙M (the same
/// maths through the dense matmul): forward, input gradient, weight gradient at the nonzeros, bias gradient; the
/// dense control layer; the magnitude mask.
/// </summary>
public class CsrLinearTests
{
    const double Tolerance = 1e-5;

    /// <summary>The largest elementwise difference relative to the reference's largest magnitude (at least 1): float32 sums of
    /// a hundred products round differently in the two kernels' orders.</summary>
    static double Gap(Tensor a, Tensor b)
    {
        Assert.Equal(a.shape, b.shape);
        var scale = Math.Max(1.0, b.abs().max().item<float>());
        return (a.to(ScalarType.Float64) - b.to(ScalarType.Float64)).abs().max().item<double>() / scale;
    }

    /// <summary>A CSR layer and a masked dense layer with the same weight, bias and random mask at <paramref name="sparsity"/>.</summary>
    static (CsrLinear Csr, MaskedLinear Masked, Tensor Mask) Pair(int outputs, int inputs, double sparsity, long seed)
    {
        manual_seed(seed);
        var weight = randn(outputs, inputs);
        var bias = randn(outputs);
        // A random (not magnitude) mask, so the pattern has uneven rows and columns, some possibly empty.
        var mask = rand(outputs, inputs).ge(sparsity).to(ScalarType.Float32);
        return (new CsrLinear(weight, bias, mask), new MaskedLinear(weight, bias, mask), mask);
    }

    [Theory]
    [InlineData(64, 96, 128, 0.9)]   // rows and columns split across threads; batch a multiple of the vector width
    [InlineData(37, 50, 13, 0.7)]    // odd sizes: vector tails, uneven thread ranges
    [InlineData(256, 784, 128, 0.95)] // the fashion-mnist cpu first layer
    [InlineData(5, 3, 1, 0.0)]       // dense pattern, a single example
    public void Forward_input_gradient_and_weight_gradient_equal_the_dense_masked_layers(int outputs, int inputs, int batch, double sparsity)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var (csr, masked, mask) = Pair(outputs, inputs, sparsity, 3);
        Assert.Equal(mask.sum().item<float>(), csr.Pattern.Nonzeros);
        var x1 = randn(batch, inputs).requires_grad_();
        var x2 = x1.detach().clone().requires_grad_();
        var upstream = randn(batch, outputs);

        var maskedWeight = masked.Weight.detach().clone().requires_grad_(); // W⊙M, a dense leaf
        var bias = masked.Bias!.detach().clone().requires_grad_();

        var y1 = csr.forward(x1);
        var y2 = nn.functional.linear(x2, maskedWeight, bias);
        (y1 * upstream).sum().backward();
        (y2 * upstream).sum().backward();

        Assert.True(Gap(y1, y2) < Tolerance, $"forward differs by {Gap(y1, y2)}");
        Assert.True(Gap(x1.grad!, x2.grad!) < Tolerance, $"input gradient differs by {Gap(x1.grad!, x2.grad!)}");
        // The CSR layer's weight gradient exists only at the nonzeros; there it equals the dense gradient of W⊙M.
        var weightGap = Gap(csr.Values.grad!, csr.Pattern.Gather(maskedWeight.grad!));
        Assert.True(weightGap < Tolerance, $"weight gradient at the nonzeros differs by {weightGap}");
        Assert.True(Gap(csr.Bias!.grad!, bias.grad!) < Tolerance, $"bias gradient differs by {Gap(csr.Bias!.grad!, bias.grad!)}");
        Assert.True(Gap(csr.DenseWeight(), masked.Weight) == 0, "the CSR layer's weight is not the masked weight");
        Assert.Equal(0, (masked.Weight * (1 - mask)).abs().sum().item<float>());
        // The dense control computes the same function.
        Assert.True(Gap(masked.forward(x2.detach()), y2.detach()) == 0);
    }

    [Fact]
    public void A_three_dimensional_input_and_an_input_without_gradient_work_and_skip_the_input_gradient()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var (csr, masked, _) = Pair(24, 40, 0.8, 5);
        var x = randn(3, 7, 40); // no requires_grad: a first layer's input

        var y1 = csr.forward(x);
        var y2 = masked.forward(x);
        y1.square().sum().backward();
        y2.square().sum().backward();

        Assert.Equal(new long[] { 3, 7, 24 }, y1.shape);
        Assert.True(Gap(y1, y2) < Tolerance);
        Assert.Null(x.grad);
        Assert.True(Gap(csr.Values.grad!, csr.Pattern.Gather(masked.Weight.grad!)) < Tolerance);
    }

    [Fact]
    public void The_dense_control_sets_its_pruned_weights_back_to_zero_and_keeps_the_rest()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var (_, masked, mask) = Pair(12, 20, 0.6, 8);
        using (no_grad()) masked.Weight.add_(1); // an optimizer step moves every entry
        var kept = (masked.Weight * mask).detach().clone();

        masked.Reapply();

        Assert.Equal(0, (masked.Weight * (1 - mask)).abs().sum().item<float>());
        Assert.True(Gap(masked.Weight, kept) == 0);
    }

    [Fact]
    public void Under_no_grad_the_forward_still_computes_and_records_nothing()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var (csr, masked, _) = Pair(16, 32, 0.5, 7);
        var x = randn(9, 32);
        using (no_grad())
        {
            var y = csr.forward(x);
            Assert.False(y.requires_grad);
            Assert.True(Gap(y, masked.forward(x)) < Tolerance);
        }
    }

    [Fact]
    public void The_magnitude_mask_keeps_exactly_the_largest_weights_at_the_chosen_sparsity()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        manual_seed(1);
        var weight = randn(256, 784);
        foreach (var sparsity in new[] { 0.9, 0.95, 0.5 })
        {
            var mask = MagnitudeMask.For(weight, sparsity);
            var kept = (int)Math.Round((1 - sparsity) * 256 * 784, MidpointRounding.AwayFromZero);
            Assert.Equal(kept, mask.sum().item<float>());
            Assert.Equal(kept, MagnitudeMask.Kept(256 * 784, sparsity));
            var magnitude = weight.abs();
            var smallestKept = magnitude.masked_select(mask.ne(0)).min().item<float>();
            var largestPruned = magnitude.masked_select(mask.eq(0)).max().item<float>();
            Assert.True(smallestKept >= largestPruned, $"at {sparsity}: kept {smallestKept} < pruned {largestPruned}");
            using var layer = new CsrLinear(weight, null, mask);
            Assert.Equal(1 - (double)kept / (256 * 784), layer.Pattern.Sparsity, 12);
            Assert.Equal(2.0 * kept, layer.ForwardFlopsPerPosition);
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(0.99999)] // keeps no weight of 12
    public void A_sparsity_outside_zero_to_one_or_keeping_nothing_fails_clearly(double sparsity)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MagnitudeMask.For(randn(3, 4), sparsity));
        Assert.Equal("sparsity", error.ParamName);
    }

    [Fact]
    public void Wrong_shapes_fail_with_the_expected_shape()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var (csr, _, _) = Pair(8, 16, 0.5, 2);
        var forward = Assert.Throws<ArgumentException>(() => csr.forward(randn(4, 15)));
        Assert.Contains("[..., 16]", forward.Message);
        Assert.Throws<ArgumentException>(() => new CsrLinear(randn(8, 16), null, ones(8, 15)));
    }
}
