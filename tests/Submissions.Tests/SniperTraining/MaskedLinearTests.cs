using Bench.Submissions.SniperTraining;
using Bench.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.SniperTraining;

/// <summary>
/// Golden tests of the masked linear layer: unmasked it is nn.Linear, masked it is the masked dense matmul with a
/// masked gradient, masking and relaxing set dropped weights to 0 and re-enabled ones to 0 or their initial value, and
/// it reports its density's share of the dense FLOPs.
/// </summary>
public class MaskedLinearTests
{
    static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    static Tensor Mask(params float[] values) => tensor(values, [2, 3]);

    [Fact]
    public void Without_a_mask_the_layer_is_nn_linear_in_value_and_gradient()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var dense = nn.Linear(3, 2);
        using var layer = new MaskedLinear(dense.weight!, dense.bias);
        var x = randn(4, 3, generator: new Generator(1));

        var y = layer.forward(x);
        y.sum().backward();
        dense.forward(x).sum().backward();

        Assert.True(Same(dense.forward(x), y));
        Assert.True(Same(dense.weight!.grad!, layer.Weight.grad!));
        Assert.Equal(1, layer.Density);
        Assert.Equal(2.0 * 3 * 2, layer.ForwardFlopsPerPosition);
    }

    [Fact]
    public void Masked_the_forward_uses_w_times_m_and_a_masked_weight_gets_a_zero_gradient()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var weight = tensor(new float[] { 1, -2, 3, 0.5f, 4, -1 }, [2, 3]);
        using var layer = new MaskedLinear(weight, tensor(new float[] { 0.25f, -0.5f }));
        var mask = Mask(1, 0, 1, 0, 1, 1);
        layer.SetMask(mask, reenableWith: null);
        var x = randn(4, 3, generator: new Generator(2));

        var y = layer.forward(x);
        y.sum().backward();

        Assert.True(Same(nn.functional.linear(x, weight * mask, layer.Bias), y), "the forward is not linear(x, W ⊙ M, b)");
        // dL/dW = (Σ_rows x) per column, then masked: zero exactly where the mask is 0.
        var expected = x.sum(dim: 0).unsqueeze(0).expand(2, 3) * mask;
        Assert.True((layer.Weight.grad! - expected).abs().max().item<float>() < 1e-5, "the gradient is not the masked dense one");
        Assert.True(layer.Weight.grad!.masked_select(mask.eq(0)).eq(0).all().item<bool>(), "a masked weight has a gradient");
        Assert.Equal(4.0 / 6, layer.Density, 12);
        Assert.Equal(4.0 / 6 * 2 * 3 * 2, layer.ForwardFlopsPerPosition, 9);
    }

    [Fact]
    public void Masking_zeroes_the_dropped_weights_and_relaxing_starts_the_re_enabled_ones_at_exactly_zero_or_their_initial_value()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var initial = tensor(new float[] { 1, -2, 3, 0.5f, 4, -1 }, [2, 3]);
        foreach (var restore in new[] { false, true })
        {
            using var layer = new MaskedLinear(initial, null);
            layer.SetMask(Mask(1, 0, 0, 0, 1, 1), null);
            Assert.Equal(new float[] { 1, 0, 0, 0, 4, -1 }, layer.Weight.data<float>().ToArray());

            // Training moves the kept weights; then the mask relaxes to a superset (positions 1 and 3 re-enabled).
            using (no_grad()) layer.Weight.add_(tensor(new float[] { 10, 0, 0, 0, 10, 10 }, [2, 3]));
            layer.SetMask(Mask(1, 1, 0, 1, 1, 1), restore ? initial : null);

            var expected = restore ? new float[] { 11, -2, 0, 0.5f, 14, 9 } : new float[] { 11, 0, 0, 0, 14, 9 };
            Assert.Equal(expected, layer.Weight.data<float>().ToArray());
            layer.SetMask(null, restore ? initial : null);
            Assert.Null(layer.Mask());
            Assert.Equal(restore ? 3f : 0f, layer.Weight.data<float>()[2]);
        }
    }
}
