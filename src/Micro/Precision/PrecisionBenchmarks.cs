using Bench.Harness.Torch;
using Bench.Workloads.Common;
using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Bench.Micro.Precision;

/// <summary>
/// Reduced-precision training (paper ids <c>scaling-nmt</c>, fp16 tensor cores, ~5x with large batches;
/// <c>jetfire</c>, INT8 data flow, 1.42x; <c>munit-scaling</c>, FP8, 1.33x): one char-GPT transformer
/// block step (forward + backward), fp32 against bf16. This CPU (AVX2, no AVX-512/AMX) has no fp16 or
/// FP8 matmul units; bf16 is the reduced precision libtorch runs here. INT8 is not measured: TorchSharp
/// 0.107 binds no int8 GEMM with int32 accumulation (no <c>_int_mm</c>, no quantized linear; only
/// quantize/dequantize), and <c>mm</c> on int8 tensors returns int8, so products overflow: unusable for a
/// training step.
/// Sizes: the tinyshakespeare cpu block (32 x 64 x 128) and the gpu-scale block (context 256, width 384)
/// at batch 8.
/// </summary>
[Papers("scaling-nmt", "jetfire", "munit-scaling")]
public class PrecisionBenchmarks
{
    TransformerBlock fp32 = null!;
    TransformerBlock bf16 = null!;
    Tensor input32 = null!;
    Tensor input16 = null!;

    public static IEnumerable<BlockShape> Shapes => [BlockShape.CharGptCpu, BlockShape.CharGptGpu];

    [ParamsSource(nameof(Shapes))]
    public BlockShape Shape { get; set; } = BlockShape.CharGptCpu;

    [GlobalSetup]
    public void Setup()
    {
        TorchSetup.Initialize("cpu", threads: 2);
        fp32 = PrecisionStep.Block(Shape, ScalarType.Float32, seed: 0);
        bf16 = PrecisionStep.Block(Shape, ScalarType.BFloat16, seed: 0);
        input32 = PrecisionStep.Input(Shape, ScalarType.Float32, seed: 1);
        input16 = PrecisionStep.Input(Shape, ScalarType.BFloat16, seed: 1);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        fp32.Dispose();
        bf16.Dispose();
        input32.Dispose();
        input16.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void Fp32Step()
    {
        using var scope = NewDisposeScope();
        PrecisionStep.Run(fp32, input32);
    }

    [Benchmark]
    public void Bf16Step()
    {
        using var scope = NewDisposeScope();
        PrecisionStep.Run(bf16, input16);
    }
}
