using Bench.Submissions.SniperTraining;
using Bench.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.SniperTraining;

/// <summary>
/// Golden tests of SNIP as SNIPER uses it, on hand-made weights and saliencies: the saliency |w ⊙ Σ g|, the global
/// top-(1 − s) selection, the per-layer cap, and masks nested across sparsities.
/// </summary>
public class SnipMaskTests
{
    static Tensor Values(float[] values, params long[] shape) => tensor(values, shape);

    static float[] Flat(Tensor t) => t.contiguous().data<float>().ToArray();

    [Fact]
    public void Saliency_is_the_absolute_weight_times_the_gradient_summed_over_the_batches_before_the_absolute_value()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var weight = new TorchSharp.Modules.Parameter(Values([1f, -2f, 3f, 0.5f], 2, 2));
        var inputs = new[] { Values([1f, 2f], 1, 2), Values([-3f, 1f], 1, 2) };
        var next = 0;

        // loss = sum(x Wᵀ): dL/dW[i, j] = x[j], summed over the batches [1, 2] + [-3, 1] = [-2, 3].
        var saliency = SnipMask.Saliency([weight], () => nn.functional.linear(inputs[next++], weight).sum(), batches: 2);

        // |W ⊙ [[-2, 3], [-2, 3]]|; the sum of per-batch |g w| would give [[4, 6], [12, 1.5]] instead.
        Assert.Equal(new[] { 2f, 6f, 6f, 1.5f }, Flat(saliency[0]));
        Assert.Equal(2, next);
        Assert.True(weight.grad!.eq(0).all().item<bool>(), "SNIP left a gradient behind");
        saliency[0].Dispose();
    }

    [Fact]
    public void The_mask_keeps_the_most_salient_weights_across_all_layers_at_the_global_sparsity()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var first = Values([0.1f, 0.9f, 0.5f, 0.3f], 2, 2);
        var second = Values([0.2f, 0.8f, 0.7f, 0.4f, 0.6f, 0.05f], 2, 3);

        // Ten weights at sparsity 0.5: the five smallest (0.05, 0.1, 0.2, 0.3, 0.4) go, wherever they are.
        var masks = SnipMask.Masks([first, second], 0.5, maxLayerSparsity: 1);

        Assert.Equal(new[] { 0f, 1f, 1f, 0f }, Flat(masks[0]));
        Assert.Equal(new[] { 0f, 1f, 1f, 0f, 1f, 0f }, Flat(masks[1]));
        Assert.Equal(new[] { 1f, 1f, 1f, 1f }, Flat(SnipMask.Masks([first, second], 0, 1)[0]));
    }

    [Fact]
    public void A_layer_the_global_threshold_would_empty_keeps_what_the_cap_leaves_it()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var weak = Values([0.01f, 0.02f, 0.03f, 0.04f], 2, 2);
        var strong = Values([0.2f, 0.8f, 0.7f, 0.4f, 0.6f, 0.05f], 2, 3);

        // Globally the five smallest are all four of the weak layer's and 0.05; a cap of 0.5 lets the weak layer lose only
        // two, so it keeps its two most salient (0.03, 0.04); the strong layer is under the cap and loses only 0.05.
        var uncapped = SnipMask.Masks([weak, strong], 0.5, maxLayerSparsity: 1);
        var capped = SnipMask.Masks([weak, strong], 0.5, maxLayerSparsity: 0.5);

        Assert.Equal(new[] { 0f, 0f, 0f, 0f }, Flat(uncapped[0]));
        Assert.Equal(new[] { 0f, 0f, 1f, 1f }, Flat(capped[0]));
        Assert.Equal(new[] { 1f, 1f, 1f, 1f, 1f, 0f }, Flat(capped[1]));
    }

    [Fact]
    public void Masks_keep_exactly_the_share_asked_and_each_contains_the_masks_of_higher_sparsities()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var generator = new Generator(11);
        var saliencies = new[] { rand(48, 16, generator: generator), rand(16, 64, generator: generator), rand(65, 16, generator: generator) };
        var total = saliencies.Sum(s => s.numel());

        IReadOnlyList<Tensor>? denser = null;
        foreach (var sparsity in new[] { 0.4, 0.2, 0.1 })
        {
            var masks = SnipMask.Masks(saliencies, sparsity, maxLayerSparsity: 1);
            var kept = masks.Sum(m => m.sum().item<float>());
            Assert.Equal(total - (long)Math.Floor(sparsity * total), (long)kept);
            if (denser is not null)
                for (var i = 0; i < masks.Count; i++)
                    Assert.True(masks[i].ge(denser[i]).all().item<bool>(), $"the mask at {sparsity} drops a weight kept at a higher sparsity");
            denser = masks;
        }
    }
}
