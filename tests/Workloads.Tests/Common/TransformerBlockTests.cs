using Bench.Tests.Shared;
using Bench.Workloads.Common;
using TorchSharp;

namespace Bench.Workloads.Tests.Common;

public class TransformerBlockTests
{
    [Fact]
    public void The_block_keeps_the_shape_and_is_causal()
    {
        _ = TorchFixture.Cpu;
        torch.manual_seed(0);
        using var block = new TransformerBlock(16, 4);
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(2, 5, 16);
        var changedLast = x.clone();
        changedLast[.., 4] = torch.randn(2, 16);

        var y = block.forward(x);
        var y2 = block.forward(changedLast);

        Assert.Equal(x.shape, y.shape);
        Assert.True(y[.., ..4].allclose(y2[.., ..4]), "earlier positions must not see a later token");
        Assert.False(y[.., 4].allclose(y2[.., 4]));
    }

    [Fact]
    public void A_block_built_non_causal_lets_every_position_see_a_later_token()
    {
        _ = TorchFixture.Cpu;
        torch.manual_seed(0);
        using var block = new TransformerBlock(16, 4, causal: false);
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(2, 5, 16);
        var changedLast = x.clone();
        changedLast[.., 4] = torch.randn(2, 16);

        var y = block.forward(x);
        var y2 = block.forward(changedLast);

        for (var position = 0; position < 4; position++)
            Assert.False(y[.., position].allclose(y2[.., position]), $"position {position} did not see the last token");
    }

    [Fact]
    public void A_block_diagonal_mask_keeps_packed_sequences_apart()
    {
        _ = TorchFixture.Cpu;
        torch.manual_seed(0);
        using var block = new TransformerBlock(16, 4);
        using var scope = torch.NewDisposeScope();
        // One row holding two sequences, positions 0-2 and 3-5; each token sees earlier tokens of its own sequence.
        var sequence = torch.tensor(new long[] { 0, 0, 0, 1, 1, 1 });
        var causal = torch.ones(6, 6, torch.@bool).tril();
        var mask = (causal & sequence.unsqueeze(1).eq(sequence.unsqueeze(0))).view(1, 1, 6, 6);
        var x = torch.randn(1, 6, 16);
        var firstChanged = x.clone();
        firstChanged[.., ..3] = torch.randn(1, 3, 16);
        var secondChanged = x.clone();
        secondChanged[.., 3..] = torch.randn(1, 3, 16);

        var y = block.forward(x, mask);

        Assert.True(y[.., 3..].allclose(block.forward(firstChanged, mask)[.., 3..]), "the second sequence must not see the first");
        Assert.True(y[.., ..3].allclose(block.forward(secondChanged, mask)[.., ..3]), "the first sequence must not see the second");
        Assert.False(y[.., ..3].allclose(block.forward(firstChanged, mask)[.., ..3]));
        // Without the mask (plain causal attention) the second sequence does see the first.
        Assert.False(block.forward(x)[.., 3..].allclose(block.forward(firstChanged)[.., 3..]));
    }

    [Fact]
    public void A_causal_mask_gives_the_default_causal_output()
    {
        _ = TorchFixture.Cpu;
        torch.manual_seed(0);
        using var block = new TransformerBlock(16, 4);
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(2, 5, 16);
        var causal = torch.ones(5, 5, torch.@bool).tril().view(1, 1, 5, 5);

        Assert.True(block.forward(x, causal).allclose(block.forward(x), rtol: 0, atol: 1e-6));
        Assert.Equal(block.forward(x).data<float>().ToArray(), block.forward(x, null).data<float>().ToArray());
    }

    [Fact]
    public void Width_must_divide_into_heads() =>
        Assert.Throws<ArgumentException>(() => new TransformerBlock(10, 4));
}
