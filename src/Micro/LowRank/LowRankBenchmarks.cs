using Bench.Harness.Torch;
using Bench.Submissions.Mechanisms;
using BenchmarkDotNet.Attributes;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Micro.LowRank;

/// <summary>
/// Low-rank training (paper ids <c>low-rank-training-explored</c>, no speed number; <c>cuttlefish</c>,
/// claims up to 1.2x end to end): one linear layer's forward and backward (input and weight gradients),
/// dense against the factorized U·V at two ranks. Shapes: the char-GPT MLP expansion at cpu scale
/// (32 x 64 tokens, 128 -> 512) and a wide layer (1024 -> 4096) to show the trend; ranks a quarter and a
/// sixteenth of the input width, both under the break-even rank in·out / (in + out).
/// </summary>
[Papers("low-rank-training-explored", "cuttlefish")]
public class LowRankBenchmarks
{
    Linear dense = null!;
    LowRankLinear factorized = null!;
    Tensor input = null!;
    Tensor outputGradient = null!;

    public static IEnumerable<LowRankShape> Shapes =>
    [
        new(2048, 128, 512, 32), new(2048, 128, 512, 8),
        new(2048, 1024, 4096, 256), new(2048, 1024, 4096, 64),
    ];

    [ParamsSource(nameof(Shapes))]
    public LowRankShape Shape { get; set; } = new(2048, 128, 512, 32);

    [GlobalSetup]
    public void Setup()
    {
        TorchSetup.Initialize("cpu", threads: 2);
        var generator = new Generator(0);
        dense = nn.Linear(Shape.Inputs, Shape.Outputs);
        factorized = new LowRankLinear(Shape.Inputs, Shape.Outputs, Shape.Rank, generator: generator);
        input = randn(Shape.Tokens, Shape.Inputs, generator: generator).requires_grad_();
        outputGradient = randn(Shape.Tokens, Shape.Outputs, generator: generator);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        dense.Dispose();
        factorized.Dispose();
        input.Dispose();
        outputGradient.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void Dense() => Step(dense);

    [Benchmark]
    public void Factorized() => Step(factorized);

    void Step(nn.Module<Tensor, Tensor> layer)
    {
        using var scope = NewDisposeScope();
        layer.zero_grad();
        input.grad?.zero_();
        layer.forward(input).backward([outputGradient]);
    }
}
