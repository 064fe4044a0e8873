using Bench.Contracts;
using Bench.Tests.Shared;
using Bench.Workloads.Cifar10Vit;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Workloads.Tests.Cifar10Vit;

/// <summary>The cifar10-vit model: patches in raster order, FLOPs by hand and by its layers, token dropping in training only.</summary>
public class VisionTransformerTests
{
    static readonly VitShape Cpu = new(4, 64, 4, 4);

    [Fact]
    public void Token_t_is_the_patch_at_row_t_over_8_and_column_t_mod_8_flattened_channel_first()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var model = new VisionTransformer(Cpu, 10);
        var images = randn(2, 3, 32, 32);

        var patches = model.Patches(images);

        Assert.Equal([2L, 64, 48], patches.shape);
        foreach (var t in new[] { 0, 7, 8, 19, 63 })
        {
            var (row, column) = (t / 8, t % 8);
            var expected = images[.., .., (row * 4)..(row * 4 + 4), (column * 4)..(column * 4 + 4)].reshape(2, 48);
            Assert.True(patches[.., t].eq(expected).all().item<bool>(), $"token {t}");
        }
    }

    [Fact]
    public void The_cpu_shapes_flops_are_the_hand_count_at_all_64_tokens_and_at_32_and_16()
    {
        // Per token: embedding 2·48·64 = 6,144; a block 2·12·64² = 98,304 plus attention 4·tokens·64; head 2·64·10 once.
        // 64 tokens: 64·6,144 + 64·4·(98,304 + 16,384) + 1,280 = 393,216 + 29,360,128 + 1,280 = 29,754,624.
        // 32 tokens: 32·6,144 + 32·4·(98,304 + 8,192) + 1,280 = 196,608 + 13,631,488 + 1,280 = 13,829,376.
        // 16 tokens: 16·6,144 + 16·4·(98,304 + 4,096) + 1,280 = 98,304 + 6,553,600 + 1,280 = 6,653,184.
        Assert.Equal(29_754_624, VisionTransformer.ForwardFlops(Cpu, 10, 64));
        Assert.Equal(13_829_376, VisionTransformer.ForwardFlops(Cpu, 10, 32));
        Assert.Equal(6_653_184, VisionTransformer.ForwardFlops(Cpu, 10, 16));
        _ = TorchFixture.Cpu;
        using var model = new VisionTransformer(Cpu, 10);
        Assert.Equal(64, model.Tokens);
        Assert.Equal(29_754_624, model.ForwardFlopsPerExample(64));
    }

    [Theory]
    [InlineData(4, 64, 4, 4)]
    [InlineData(4, 32, 2, 2)]
    [InlineData(8, 16, 3, 2)]
    public void The_analytic_flops_are_the_named_layers_plus_the_attention_scores(int patch, int width, int layers, int heads)
    {
        _ = TorchFixture.Cpu;
        var shape = new VitShape(patch, width, layers, heads);
        using var model = new VisionTransformer(shape, 10);
        var attention = model.Layers.Where(l => l.Role == LayerRole.AttentionInput).Sum(l => 4.0 * l.PositionsPerExample * l.PositionsPerExample * l.Inputs);

        Assert.Equal(VisionTransformer.ForwardFlops(shape, 10, model.Tokens), LayerFlops.DenseForwardPerExample(model) + attention, 1e-6);
        Assert.Equal(["embedding", "blocks.0.qkv"], model.Layers.Take(2).Select(l => l.Name));
        Assert.Equal((LayerRole.Embedding, 3 * patch * patch, width, (double)model.Tokens),
            (model.Layers[0].Role, model.Layers[0].Inputs, model.Layers[0].Outputs, model.Layers[0].PositionsPerExample));
    }

    [Fact]
    public void Selected_tokens_are_encoded_with_the_positional_embeddings_of_their_places_in_the_image()
    {
        _ = TorchFixture.Cpu;
        manual_seed(5);
        using var scope = NewDisposeScope();
        using var model = new VisionTransformer(new VitShape(4, 32, 2, 2), 10);
        var images = randn(2, 3, 32, 32);
        var kept = tensor(new long[,] { { 5, 40, 9 }, { 63, 0, 17 } });
        model.TokenSelector = _ => kept;
        model.train();

        var logits = model.forward(images);

        // Every token embedded at its own place, then the kept ones picked: what a masked encoder must see.
        var expected = model.Encode(model.Embed(images).gather(1, kept.unsqueeze(-1).expand(-1, -1, 32)));
        Assert.True(logits.allclose(expected, rtol: 1e-5, atol: 1e-6), "the kept tokens are not encoded as embedded at their places");
        // The same patches at other places (the first three slots) are encoded differently: the places matter.
        var elsewhere = model.Encode(model.Embed(images).narrow(1, 0, 3));
        Assert.False(logits.allclose(elsewhere, rtol: 1e-3, atol: 1e-4));
    }

    [Fact]
    public void In_eval_mode_the_selector_is_never_called_and_every_token_is_encoded()
    {
        _ = TorchFixture.Cpu;
        manual_seed(6);
        using var scope = NewDisposeScope();
        using var model = new VisionTransformer(new VitShape(4, 32, 2, 2), 10);
        var images = randn(2, 3, 32, 32);
        model.eval();
        var plain = model.forward(images);
        var calls = 0;
        model.TokenSelector = t => { calls++; return arange(3, dtype: ScalarType.Int64).expand(t.shape[0], 3); };

        var logits = model.forward(images);

        Assert.Equal(0, calls);
        Assert.True(logits.eq(plain).all().item<bool>());
        Assert.True(logits.allclose(model.Encode(model.Embed(images)), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void A_selector_of_the_wrong_shape_is_refused()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var model = new VisionTransformer(new VitShape(4, 32, 2, 2), 10);
        model.TokenSelector = _ => arange(3, dtype: ScalarType.Int64);
        model.train();

        var error = Assert.Throws<InvalidOperationException>(() => model.forward(randn(2, 3, 32, 32)));

        Assert.Contains("token selector", error.Message);
    }
}
