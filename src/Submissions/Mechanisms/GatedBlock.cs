using Bench.Contracts;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// A residual block behind a gate g in [0, 1], for methods that grow a model's depth during training: the output is
/// x + g (block(x) - x), the block's residual contribution scaled by g. At g = 0 the block is not run at all and the
/// wrapper is exactly the identity (an inactive block, skipped: no compute, no gradient to its parameters); at g = 1
/// it is the block itself. Masked structural growth ramps g from 0 to 1 after a growth (its layer mask, which keeps
/// the function at the moment of growth); incremental training switches it from 0 to 1 at once.
/// </summary>
/// <remarks>
/// The gate applies in training and in evaluation alike: it is the model's structure, not a training trick. The wrapper
/// lists the wrapped block's layers (<see cref="IReplaceableLayers"/>) whether or not it is active, so other methods can
/// still find them; what an inactive block saves is taken off by <see cref="StagedDepthMethod"/>'s FLOPs.
/// </remarks>
public sealed class GatedBlock : nn.Module<Tensor, Tensor>, IReplaceableLayers, IDropoutModel
{
    readonly nn.Module<Tensor, Tensor> block;

    /// <summary>Wraps <paramref name="block"/> (kept as this module's child <c>block</c>), inactive (gate 0).</summary>
    public GatedBlock(nn.Module<Tensor, Tensor> block) : base(nameof(GatedBlock))
    {
        this.block = block;
        RegisterComponents();
    }

    /// <summary>The wrapped block.</summary>
    public nn.Module<Tensor, Tensor> Block => block;

    /// <summary>The share of the block's residual contribution that passes: 0 skips the block, 1 is the block.</summary>
    public double Gate
    {
        get => gate;
        set => gate = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "the gate must be in [0, 1]");
    }

    double gate;

    /// <summary>True when the block runs (gate above 0).</summary>
    public bool Active => gate > 0;

    /// <summary>The wrapped block's layers, named under <c>block</c>, one application per token as the block lists them.</summary>
    public IReadOnlyList<LayerSlot> Layers =>
        block is IReplaceableLayers inner ? [.. inner.Layers.Select(slot => slot.Within(nameof(block), 1))] : [];

    public nn.Module<Tensor, Tensor> ReplaceLayer(string name, nn.Module<Tensor, Tensor> replacement) =>
        name.StartsWith(nameof(block) + ".", StringComparison.Ordinal) && block is IReplaceableLayers inner
            ? inner.ReplaceLayer(name[(nameof(block).Length + 1)..], replacement)
            : throw new ArgumentException($"no replaceable layer '{name}'; the layers are {string.Join(", ", Layers.Select(s => s.Name))}", nameof(name));

    public double Dropout
    {
        get => block is IDropoutModel d ? d.Dropout : 0;
        set { if (block is IDropoutModel d) d.Dropout = value; }
    }

    public override Tensor forward(Tensor x)
    {
        if (gate == 0) return x.alias();
        if (gate == 1) return block.forward(x);
        // x + g (block(x) - x): the residual stream plus g times what the block adds to it.
        return x.add(block.forward(x).sub(x), alpha: gate);
    }
}
