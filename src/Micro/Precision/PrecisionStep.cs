using Bench.Harness.Torch;
using Bench.Workloads.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Micro.Precision;

/// <summary>
/// One training step's forward and backward of the char-GPT <see cref="TransformerBlock"/> in a given
/// precision: the whole block (weights, activations, gradients) is cast, as pure-bf16 training does
/// (no fp32 master weights; the optimizer update is not part of the step).
/// </summary>
public static class PrecisionStep
{
    /// <summary>A block of <paramref name="shape"/> with seeded weights, cast to <paramref name="type"/>.</summary>
    public static TransformerBlock Block(BlockShape shape, ScalarType type, int seed)
    {
        TorchSetup.Seed(seed);
        var block = new TransformerBlock(shape.Width, shape.Heads);
        block.to(type);
        return block;
    }

    /// <summary>A seeded input batch [batch, tokens, width] of <paramref name="type"/>.</summary>
    public static Tensor Input(BlockShape shape, ScalarType type, int seed) =>
        randn(shape.Batch, shape.Tokens, shape.Width, generator: new Generator((ulong)seed)).to(type);

    /// <summary>Forward, a mean-square loss and backward; returns the loss.</summary>
    public static Tensor Run(TransformerBlock block, Tensor input)
    {
        block.zero_grad();
        var loss = block.forward(input).square().mean();
        loss.backward();
        return loss;
    }
}
