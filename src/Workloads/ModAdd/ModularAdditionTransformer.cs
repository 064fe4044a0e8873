using Bench.Contracts;
using Bench.Workloads.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Workloads.ModAdd;

/// <summary>
/// The grokking model: tokens <c>a b =</c> go through token and position embeddings and a stack of
/// transformer blocks; the last position predicts <c>(a + b) mod p</c>. Replaceable layers: each block's four
/// (<c>blocks.i.qkv</c>, ...), at all three positions, and the <c>head</c>, at the last one.
/// </summary>
public sealed class ModularAdditionTransformer : nn.Module<Tensor, Tensor>, IReplaceableLayers
{
    readonly Embedding tokens;
    readonly Parameter positions;
    readonly ModuleList<TransformerBlock> blocks;
    readonly LayerNorm finalNorm;
    nn.Module<Tensor, Tensor> head;
    readonly int width;
    readonly int modulus;

    public ModularAdditionTransformer(int modulus, int width, int layers, int heads) : base(nameof(ModularAdditionTransformer))
    {
        tokens = nn.Embedding(modulus + 1, width);
        positions = nn.Parameter(randn(ModularAdditionData.SequenceLength, width) * 0.02);
        blocks = nn.ModuleList(Enumerable.Range(0, layers).Select(_ => new TransformerBlock(width, heads)).ToArray());
        finalNorm = nn.LayerNorm(width);
        head = nn.Linear(width, modulus);
        RegisterComponents();
        (this.width, this.modulus) = (width, modulus);
    }

    public IReadOnlyList<LayerSlot> Layers =>
    [
        .. blocks.SelectMany((block, i) => block.Layers.Select(slot => slot.Within($"{nameof(blocks)}.{i}", ModularAdditionData.SequenceLength))),
        new(nameof(head), LayerKind.Linear, LayerRole.Head, width, modulus, 1, 1, head),
    ];

    public nn.Module<Tensor, Tensor> ReplaceLayer(string name, nn.Module<Tensor, Tensor> replacement) =>
        LayerSurgery.ReplaceInBlocksOrHead(this, name, replacement, i => blocks[i], nameof(head), h => head = h);

    /// <summary>Logits over residues, shape [batch, modulus].</summary>
    public override Tensor forward(Tensor input)
    {
        var x = tokens.forward(input) + positions;
        foreach (var block in blocks) x = block.forward(x);
        return head.forward(finalNorm.forward(x.select(1, -1)));
    }
}
