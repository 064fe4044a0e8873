using Bench.Micro.LowRank;
using Bench.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Micro.Tests.LowRank;

public class FactorizedLinearTests
{
    [Fact]
    public void OutputEqualsTheDenseLayerWithWeightUV()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var layer = new FactorizedLinear(inputs: 24, outputs: 40, rank: 6, new Generator(2));
        using (no_grad()) layer.Bias.copy_(randn(40, generator: new Generator(3)));
        var x = randn(10, 24, generator: new Generator(4));
        var dense = nn.functional.linear(x, layer.DenseWeight(), layer.Bias);
        var factorized = layer.forward(x);
        Assert.True(factorized.allclose(dense, rtol: 1e-5, atol: 1e-5), $"max difference {(factorized - dense).abs().max().item<float>()}");
    }

    [Fact]
    public void InitialWeightHasTheScaleOfADefaultLinear()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var layer = new FactorizedLinear(inputs: 256, outputs: 256, rank: 64, new Generator(5));
        var std = layer.DenseWeight().std().item<float>();
        Assert.InRange(std, 0.8 / Math.Sqrt(3 * 256), 1.2 / Math.Sqrt(3 * 256));
    }
}
