using Bench.Harness.Torch;
using Bench.Submissions.Mechanisms;
using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Micro.SparseProp;

/// <summary>
/// SparseProp (paper id <c>sparseprop</c>; claims end-to-end training speedups on CPUs from vectorised sparse
/// backpropagation, larger at higher sparsity): one training step's work of one linear layer, forward and backward
/// (weight gradient, and the input gradient for a hidden layer), with an unstructured magnitude mask: the dense masked
/// layer (the paper's baseline: libtorch's dense matmul on a weight with zeros, <see cref="MaskedLinear"/>) against the
/// CSR layer with the C# vectorised kernels (<see cref="CsrLinear"/>). Shapes: the fashion-mnist cpu MLP
/// (784-256-256-10, batch 128): its first layer (no input gradient) and its hidden 256 -> 256 layer, at 60% (the
/// submission's default: at 80% and 90% the MLP misses the target), 80%, 90% and 95% sparsity.
/// </summary>
[Papers("sparseprop")]
public class SparsePropBenchmarks
{
    MaskedLinear masked = null!;
    CsrLinear csr = null!;
    Tensor input = null!;
    Tensor outputGradient = null!;

    public static IEnumerable<SparseLayerShape> Shapes =>
    [
        new(128, 784, 256, 0.6, false), new(128, 784, 256, 0.8, false), new(128, 784, 256, 0.9, false), new(128, 784, 256, 0.95, false),
        new(128, 256, 256, 0.6, true), new(128, 256, 256, 0.8, true), new(128, 256, 256, 0.9, true), new(128, 256, 256, 0.95, true),
    ];

    [ParamsSource(nameof(Shapes))]
    public SparseLayerShape Shape { get; set; } = new(128, 784, 256, 0.6, false);

    [GlobalSetup]
    public void Setup()
    {
        TorchSetup.Initialize("cpu", threads: 2);
        TorchSetup.Seed(0);
        using var dense = nn.Linear(Shape.Inputs, Shape.Outputs);
        using var mask = MagnitudeMask.For(dense.weight!, Shape.Sparsity);
        masked = new MaskedLinear(dense.weight!, dense.bias, mask);
        csr = new CsrLinear(dense.weight!, dense.bias, mask);
        input = rand(Shape.Batch, Shape.Inputs).requires_grad_(Shape.InputGradient);
        outputGradient = randn(Shape.Batch, Shape.Outputs);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        masked.Dispose();
        csr.Dispose();
        input.Dispose();
        outputGradient.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void DenseMasked() => Step(masked);

    [Benchmark]
    public void Csr() => Step(csr);

    void Step(nn.Module<Tensor, Tensor> layer)
    {
        using var scope = NewDisposeScope();
        layer.zero_grad();
        input.grad?.zero_();
        layer.forward(input).backward([outputGradient]);
    }
}
