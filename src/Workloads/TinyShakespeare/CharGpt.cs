using Bench.Contracts;
using Bench.Workloads.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Workloads.TinyShakespeare;

/// <summary>
/// nanoGPT's shape at small size: token + position embeddings, pre-LN causal blocks, final LayerNorm, linear head.
/// Replaceable layers: each block's four (<c>blocks.i.qkv</c>, ...) and the <c>head</c>, applied at every position; each
/// block's MLP as a unit (<c>blocks.i.feedForward</c>, <see cref="Composites"/>); and the blocks themselves
/// (<c>blocks.i</c>), which a method may wrap (random-LTD drops tokens around a block). In training, a method may place
/// each row at an offset in the position table (<see cref="IPositionOffsetModel"/>: windows cut from longer ones).
/// </summary>
public sealed class CharGpt : nn.Module<Tensor, Tensor>, IDropoutModel, IReplaceableLayers, IPositionOffsetModel
{
    readonly Embedding tokens;
    readonly Embedding positions;
    // Typed as any module so a method can replace a whole block (ReplaceLayer with a Blocks name).
    readonly ModuleList<nn.Module<Tensor, Tensor>> blocks;
    readonly LayerNorm finalNorm;
    nn.Module<Tensor, Tensor> head;
    readonly int context;
    readonly int width;
    readonly int vocabulary;

    public CharGpt(int vocabulary, int context, int width, int layers, int heads) : base(nameof(CharGpt))
    {
        tokens = nn.Embedding(vocabulary, width);
        positions = nn.Embedding(context, width);
        blocks = nn.ModuleList(Enumerable.Range(0, layers).Select(nn.Module<Tensor, Tensor> (_) => new TransformerBlock(width, heads)).ToArray());
        finalNorm = nn.LayerNorm(width);
        head = nn.Linear(width, vocabulary);
        RegisterComponents();
        (this.context, this.width, this.vocabulary) = (context, width, vocabulary);
    }

    /// <summary>
    /// Every layer runs at each of the context's positions: an example is one full window. A replaced block contributes the
    /// layers its replacement lists (none unless it is <see cref="IReplaceableLayers"/>).
    /// </summary>
    public IReadOnlyList<LayerSlot> Layers =>
    [
        .. blocks.SelectMany((block, i) => (block as IReplaceableLayers)?.Layers.Select(slot => slot.Within($"{nameof(blocks)}.{i}", context)) ?? []),
        new(nameof(head), LayerKind.Linear, LayerRole.Head, width, vocabulary, 1, context, head),
    ];

    /// <summary>The transformer blocks, <c>blocks.0</c> to <c>blocks.{layers - 1}</c>, each applied to the whole window.</summary>
    public IReadOnlyList<LayerSlot> Blocks =>
        [.. blocks.Select((block, i) => new LayerSlot($"{nameof(blocks)}.{i}", LayerKind.Block, LayerRole.TransformerBlock, width, width, 1, context, block))];

    /// <summary>Each block's MLP as one unit, at every position.</summary>
    public IReadOnlyList<LayerSlot> Composites =>
        [.. blocks.SelectMany((block, i) => (block as IReplaceableLayers)?.Composites.Select(slot => slot.Within($"{nameof(blocks)}.{i}", context)) ?? [])];

    public nn.Module<Tensor, Tensor> ReplaceLayer(string name, nn.Module<Tensor, Tensor> replacement) =>
        Blocks.Any(b => b.Name == name)
            ? LayerSurgery.ReplaceBlock(this, name, replacement, blocks)
            : LayerSurgery.ReplaceInBlocksOrHead(this, name, replacement,
                i => blocks[i] as IReplaceableLayers ?? throw new ArgumentException($"block {i} was replaced by a module that lists no layers", nameof(name)),
                nameof(head), h => head = h);

    /// <summary>nanoGPT's dropout placement: on the embeddings and on every block's residual branches (0 by default).</summary>
    public double Dropout
    {
        get => dropout;
        set
        {
            if (value is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(value), value, "dropout must be in [0, 1)");
            dropout = value;
            foreach (var block in blocks.OfType<IDropoutModel>()) block.Dropout = value;
        }
    }

    double dropout;

    /// <summary>The context: the position table's length.</summary>
    public int Positions => context;

    /// <summary>Each row's first position in training (null: 0, the workload's own windows); evaluation ignores it.</summary>
    public Func<Tensor, Tensor>? PositionOffsets { get; set; }

    /// <summary>Logits [batch, tokens, vocabulary] for input ids [batch, tokens].</summary>
    public override Tensor forward(Tensor input)
    {
        // Without offsets, one row of positions broadcast over the batch: the workload's own computation, unchanged.
        using var positionIds = training && PositionOffsets is { } offsetsOf
            ? OffsetPositions(offsetsOf(input), input.shape[1])
            : arange(input.shape[1], device: input.device);
        var x = tokens.forward(input) + positions.forward(positionIds);
        if (dropout > 0 && training) x = nn.functional.dropout(x, dropout, training: true);
        foreach (var block in blocks) x = block.forward(x);
        return head.forward(finalNorm.forward(x));
    }

    /// <summary>Positions [batch, tokens]: row r's tokens at offsets[r] + 0 .. tokens - 1.</summary>
    static Tensor OffsetPositions(Tensor offsets, long tokens)
    {
        using (offsets)
        {
            using var steps = arange(tokens, dtype: ScalarType.Int64, device: offsets.device);
            using var column = offsets.unsqueeze(1);
            return column + steps;
        }
    }
}
