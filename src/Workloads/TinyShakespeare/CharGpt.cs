using Bench.Contracts;
using Bench.Workloads.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Workloads.TinyShakespeare;

/// <summary>
/// nanoGPT's shape at small size: token + position embeddings, pre-LN causal blocks, final LayerNorm, linear head.
/// Replaceable layers: each block's four (<c>blocks.i.qkv</c>, ...) and the <c>head</c>, applied at every position, and
/// each block's MLP as a unit (<c>blocks.i.feedForward</c>, <see cref="Composites"/>).
/// </summary>
public sealed class CharGpt : nn.Module<Tensor, Tensor>, IDropoutModel, IReplaceableLayers
{
    readonly Embedding tokens;
    readonly Embedding positions;
    readonly ModuleList<TransformerBlock> blocks;
    readonly LayerNorm finalNorm;
    nn.Module<Tensor, Tensor> head;
    readonly int context;
    readonly int width;
    readonly int vocabulary;

    public CharGpt(int vocabulary, int context, int width, int layers, int heads) : base(nameof(CharGpt))
    {
        tokens = nn.Embedding(vocabulary, width);
        positions = nn.Embedding(context, width);
        blocks = nn.ModuleList(Enumerable.Range(0, layers).Select(_ => new TransformerBlock(width, heads)).ToArray());
        finalNorm = nn.LayerNorm(width);
        head = nn.Linear(width, vocabulary);
        RegisterComponents();
        (this.context, this.width, this.vocabulary) = (context, width, vocabulary);
    }

    /// <summary>Every layer runs at each of the context's positions: an example is one full window.</summary>
    public IReadOnlyList<LayerSlot> Layers =>
    [
        .. blocks.SelectMany((block, i) => block.Layers.Select(slot => slot.Within($"{nameof(blocks)}.{i}", context))),
        new(nameof(head), LayerKind.Linear, LayerRole.Head, width, vocabulary, 1, context, head),
    ];

    /// <summary>Each block's MLP as one unit, at every position.</summary>
    public IReadOnlyList<LayerSlot> Composites =>
        [.. blocks.SelectMany((block, i) => block.Composites.Select(slot => slot.Within($"{nameof(blocks)}.{i}", context)))];

    public nn.Module<Tensor, Tensor> ReplaceLayer(string name, nn.Module<Tensor, Tensor> replacement) =>
        LayerSurgery.ReplaceInBlocksOrHead(this, name, replacement, i => blocks[i], nameof(head), h => head = h);

    /// <summary>nanoGPT's dropout placement: on the embeddings and on every block's residual branches (0 by default).</summary>
    public double Dropout
    {
        get => dropout;
        set
        {
            if (value is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(value), value, "dropout must be in [0, 1)");
            dropout = value;
            foreach (var block in blocks) block.Dropout = value;
        }
    }

    double dropout;

    /// <summary>Logits [batch, tokens, vocabulary] for input ids [batch, tokens].</summary>
    public override Tensor forward(Tensor input)
    {
        using var positionIds = arange(input.shape[1], device: input.device);
        var x = tokens.forward(input) + positions.forward(positionIds);
        if (dropout > 0 && training) x = nn.functional.dropout(x, dropout, training: true);
        foreach (var block in blocks) x = block.forward(x);
        return head.forward(finalNorm.forward(x));
    }
}
