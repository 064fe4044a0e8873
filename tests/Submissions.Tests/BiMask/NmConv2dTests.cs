using Bench.Contracts;
using Bench.Submissions.BiMask;
using Bench.Submissions.Mechanisms;
using Bench.Tests.Shared;
using Bench.Workloads.Cifar10;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.BiMask;

/// <summary>
/// Golden tests of the N:M-masked convolution: its value is the forward-masked convolution, the input's gradient is the
/// backward-masked convolution's, the weight's gradient is the dense straight-through one plus the masked decay, and
/// the FLOPs it reports; and of the submission's surgery on the CIFAR-10 network.
/// </summary>
public class NmConv2dTests
{
    static double Gap(Tensor a, Tensor b) => (a.to(ScalarType.Float64) - b.to(ScalarType.Float64)).abs().max().item<double>();

    /// <summary>The gradients of Σ g ⊙ conv(x, w) with respect to x and to w (as a leaf).</summary>
    static (Tensor X, Tensor W) ConvGradients(Tensor x, Tensor w, Tensor g)
    {
        var xl = x.detach().clone().requires_grad_();
        var wl = w.detach().clone().requires_grad_();
        (nn.functional.conv2d(xl, wl, padding: [1, 1]) * g).sum().backward();
        return (xl.grad!.clone(), wl.grad!.clone());
    }

    [Theory]
    [InlineData(NmMaskMode.Bidirectional)]
    [InlineData(NmMaskMode.Transposable)]
    public void The_value_uses_the_forward_mask_the_input_gradient_the_backward_mask_and_the_weight_gradient_is_dense(NmMaskMode mode)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var weight = randn(8, 4, 3, 3, generator: new Generator(3));
        using var layer = new NmConv2d(weight, mode);
        layer.train();
        layer.SearchPermutation(20, new Random(2));
        var (forward, backward) = layer.Masks();
        var x = randn(2, 4, 6, 6, generator: new Generator(4)).requires_grad_();
        var g = randn(2, 8, 6, 6, generator: new Generator(5));

        var y = layer.forward(x);
        (y * g).sum().backward();

        var wf = weight * forward.view(weight.shape);
        var wb = weight * backward.view(weight.shape);
        Assert.True(Gap(nn.functional.conv2d(x.detach(), wf, padding: [1, 1]), y) < 1e-5, "the value is not conv(x, W ⊙ M_f)");
        Assert.True(Gap(ConvGradients(x, wb, g).X, x.grad!) < 1e-4, "the input gradient is not conv's with W ⊙ M_b");
        Assert.True(Gap(ConvGradients(x, wf, g).W, layer.Weight.grad!) < 1e-4, "the weight gradient is not the straight-through one");
        if (mode == NmMaskMode.Bidirectional)
            Assert.False(backward.eq(forward).all().item<bool>(), "the backward mask equals the forward mask: the test cannot tell them apart");
        else
            Assert.True(backward.eq(forward).all().item<bool>());
    }

    [Fact]
    public void The_masked_decay_adds_lambda_times_the_pruned_weights_to_the_gradient()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var weight = randn(4, 4, 3, 3, generator: new Generator(6));
        using var layer = new NmConv2d(weight, NmMaskMode.Bidirectional);
        layer.train();
        var x = randn(1, 4, 5, 5, generator: new Generator(7));
        layer.forward(x).sum().backward();
        var before = layer.Weight.grad!.clone();
        var forward = layer.Masks().Forward.view(weight.shape);

        layer.AddMaskedDecay(0.5);

        Assert.True(Gap(before + 0.5 * (1 - forward) * weight, layer.Weight.grad!) < 1e-6);
    }

    [Fact]
    public void A_masked_layer_costs_half_the_dense_forward_half_the_input_gradient_and_the_full_weight_gradient()
    {
        _ = TorchFixture.Cpu;
        using var layer = new NmConv2d(zeros(8, 4, 3, 3), NmMaskMode.Bidirectional);
        ILayerFlops flops = layer;

        var dense = 2.0 * 8 * 4 * 9;
        Assert.Equal(dense / 2, flops.ForwardFlopsPerPosition);
        Assert.Equal(dense / 2 + dense, flops.BackwardFlopsPerPosition);
    }

    [Fact]
    public void The_surgery_masks_every_convolution_but_the_first_and_the_flops_fall_by_a_third_of_theirs()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        int[] widths = [8, 16, 32];
        using var model = new SmallResNet(widths, 10);
        var dense = 3 * SmallResNet.ForwardFlops(widths, 10);
        var maskedDense = model.Layers.Where(s => s.Name != "stages.0.conv" && s.Kind == LayerKind.Conv2d)
            .Sum(s => s.PositionsPerExample * 2.0 * s.Inputs * s.Outputs * 9);

        var layers = BiMaskSubmission.Sparsify(model, NmMaskMode.Bidirectional);

        Assert.Equal(8, layers.Count);
        Assert.IsNotType<NmConv2d>(model.Layers.Single(s => s.Name == "stages.0.conv").Module);
        Assert.IsNotType<NmConv2d>(model.Layers.Single(s => s.Name == "head").Module);
        Assert.Equal(dense - maskedDense, LayerFlops.TrainFlopsPerExample(model, dense), 6);
        Assert.Equal(layers.Select(l => l.Weight.Handle), model.parameters().Where(p => p.dim() == 4).Skip(1).Select(p => p.Handle));
    }
}
