using Bench.Harness.Torch;
using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Micro.Sparsity24;

/// <summary>
/// 2:4 sparse training (paper ids <c>transformer-2-4-sparsity</c> and <c>bi-mask</c>; neither gives a
/// speed number, both need Ampere sparse tensor cores for one): a transformer FFN's forward and backward,
/// dense against 2:4-masked weights. No 2:4 sparse kernel exists here: libtorch's semi-structured sparse
/// matmul is CUDA-only and TorchSharp 0.107 does not bind it, so the masked FFN runs the same dense
/// matmuls plus the mask multiplications. Expect a ratio at or slightly above 1: it measures the cost of
/// masking, not a sparse speedup (the FLOPs it would save are half of the FFN's matmul FLOPs).
/// Widths: the char-GPT cpu block (32 x 64 tokens, width 128) and width 512.
/// </summary>
[Papers("transformer-2-4-sparsity", "bi-mask")]
public class Sparsity24Benchmarks
{
    const int Tokens = 32 * 64;
    SparseFfn dense = null!;
    SparseFfn masked = null!;
    Tensor input = null!;

    [Params(128, 512)]
    public int Width { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchSetup.Initialize("cpu", threads: 2);
        TorchSetup.Seed(0);
        dense = new SparseFfn(Width);
        masked = new SparseFfn(Width);
        masked.Prune();
        input = randn(Tokens, Width).requires_grad_();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        dense.Dispose();
        masked.Dispose();
        input.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void DenseFfn() => Step(dense);

    [Benchmark]
    public void TwoFourMaskedFfn() => Step(masked);

    void Step(SparseFfn ffn)
    {
        using var scope = NewDisposeScope();
        ffn.zero_grad();
        input.grad?.zero_();
        ffn.forward(input).square().mean().backward();
    }
}
