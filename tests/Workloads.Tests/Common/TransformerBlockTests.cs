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
    public void Width_must_divide_into_heads() =>
        Assert.Throws<ArgumentException>(() => new TransformerBlock(10, 4));
}
