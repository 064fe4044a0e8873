using Bench.Contracts;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Workloads.Common;

/// <summary>
/// A pre-LayerNorm transformer block (GPT-2 layout): x + Attn(LN(x)), then x + MLP(LN(x)) with a
/// 4x GELU MLP. Attention is causal unless a mask is given (<see cref="forward(Tensor, Tensor?)"/>) or the block is built
/// bidirectional (a vision transformer's); models that read only the last position see every token. Its four linear
/// layers are replaceable (<see cref="IReplaceableLayers"/>), and so is its MLP as a whole (<see cref="Composites"/>:
/// <c>feedForward</c>, for a mixture of experts); alone, a block counts one token as its example.
/// </summary>
public sealed class TransformerBlock : nn.Module<Tensor, Tensor>, IReplaceableLayers, IDropoutModel
{
    // The layers are not readonly and typed as any module so a method can replace them (ReplaceLayer).
    readonly LayerNorm attentionNorm;
    nn.Module<Tensor, Tensor> qkv;
    nn.Module<Tensor, Tensor> projection;
    readonly LayerNorm mlpNorm;
    nn.Module<Tensor, Tensor> expand;
    nn.Module<Tensor, Tensor> contract;
    // Null while the MLP is expand and contract; else the unit that replaced both (registered as "feedForward").
    nn.Module<Tensor, Tensor>? feedForward;
    readonly int heads;
    readonly int width;
    readonly bool causal;

    /// <summary>
    /// A block of width <paramref name="width"/> with <paramref name="heads"/> attention heads; without a mask its attention
    /// is causal, or every token sees every token when <paramref name="causal"/> is false.
    /// </summary>
    public TransformerBlock(int width, int heads, bool causal = true) : base(nameof(TransformerBlock))
    {
        if (width % heads != 0) throw new ArgumentException($"width {width} is not divisible by {heads} heads");
        (this.heads, this.width, this.causal) = (heads, width, causal);
        attentionNorm = nn.LayerNorm(width);
        qkv = nn.Linear(width, 3 * width);
        projection = nn.Linear(width, width);
        mlpNorm = nn.LayerNorm(width);
        expand = nn.Linear(width, 4 * width);
        contract = nn.Linear(4 * width, width);
        RegisterComponents();
    }

    /// <summary>
    /// Dropout on the two residual branches (GPT-2's resid_pdrop; attention-weight dropout is left out), in training
    /// mode only. 0, the default, skips it entirely.
    /// </summary>
    public double Dropout { get; set; }

    /// <summary>
    /// The attention projections and the MLP's two layers, one application per token; once the MLP has been replaced as
    /// a whole, the unit that replaced it in place of the two layers.
    /// </summary>
    public IReadOnlyList<LayerSlot> Layers => feedForward is null
        ?
        [
            new(nameof(qkv), LayerKind.Linear, LayerRole.AttentionInput, width, 3 * width, 1, 1, qkv),
            new(nameof(projection), LayerKind.Linear, LayerRole.AttentionOutput, width, width, 1, 1, projection),
            new(nameof(expand), LayerKind.Linear, LayerRole.FeedForwardUp, width, 4 * width, 1, 1, expand),
            new(nameof(contract), LayerKind.Linear, LayerRole.FeedForwardDown, 4 * width, width, 1, 1, contract),
        ]
        :
        [
            new(nameof(qkv), LayerKind.Linear, LayerRole.AttentionInput, width, 3 * width, 1, 1, qkv),
            new(nameof(projection), LayerKind.Linear, LayerRole.AttentionOutput, width, width, 1, 1, projection),
            FeedForwardSlot(feedForward),
        ];

    /// <summary>
    /// The MLP as one unit (width -> 4 x width -> width, one application per token): a <see cref="DenseFeedForward"/> over
    /// the current expand and contract layers (made for the listing, not part of the block), or the unit that replaced them.
    /// </summary>
    public IReadOnlyList<LayerSlot> Composites => [FeedForwardSlot(feedForward ?? DenseUnit())];

    LayerSlot FeedForwardSlot(nn.Module<Tensor, Tensor> module) =>
        new(nameof(feedForward), LayerKind.FeedForward, LayerRole.FeedForward, width, width, 1, 1, module, Hidden: 4 * width);

    DenseFeedForward DenseUnit()
    {
        var unit = new DenseFeedForward(expand, contract);
        unit.train(training);
        return unit;
    }

    public nn.Module<Tensor, Tensor> ReplaceLayer(string name, nn.Module<Tensor, Tensor> replacement)
    {
        var slot = LayerSurgery.Find(this, name);
        LayerSurgery.Prepare(slot, replacement);
        if (name == nameof(feedForward))
        {
            // The first time, the unit takes the two layers' place; the DenseFeedForward of the slot holds them for the caller.
            if (feedForward is null) LayerSurgery.RegisterInPlaceOf(this, [nameof(expand), nameof(contract)], name, replacement);
            else LayerSurgery.Register(this, name, replacement);
            feedForward = replacement;
            return slot.Module;
        }
        switch (name)
        {
            case nameof(qkv): qkv = replacement; break;
            case nameof(projection): projection = replacement; break;
            case nameof(expand): expand = replacement; break;
            default: contract = replacement; break;
        }
        LayerSurgery.Register(this, name, replacement);
        return slot.Module;
    }

    /// <summary>Matmul FLOPs of one forward pass per token at sequence length <paramref name="tokens"/>.</summary>
    public static double ForwardFlopsPerToken(int width, int tokens) =>
        2.0 * (3 * width * width + width * width + 8 * width * width) // qkv, projection, MLP
        + 2.0 * 2 * tokens * width;                                  // scores and weighted sum

    /// <summary>The block with causal attention (every token sees every token in a block built non-causal).</summary>
    public override Tensor forward(Tensor x) => forward(x, null);

    /// <summary>
    /// The block with attention restricted by <paramref name="mask"/>: boolean, broadcastable to
    /// [batch, heads, tokens, tokens], true where query i may attend key j (a block-diagonal causal mask keeps
    /// sequences packed into one row apart). A null mask means the block's own attention (causal unless built otherwise),
    /// exactly as <see cref="forward(Tensor)"/>.
    /// </summary>
    public Tensor forward(Tensor x, Tensor? mask)
    {
        var (batch, tokens, width) = (x.shape[0], x.shape[1], x.shape[2]);
        var split = qkv.forward(attentionNorm.forward(x)).view(batch, tokens, 3, heads, width / heads).permute(2, 0, 3, 1, 4);
        var attended = mask is null
            ? nn.functional.scaled_dot_product_attention(split[0], split[1], split[2], null, 0.0, causal)
            : nn.functional.scaled_dot_product_attention(split[0], split[1], split[2], mask, 0.0, false);
        x = x + Drop(projection.forward(attended.transpose(1, 2).reshape(batch, tokens, width)));
        var normed = mlpNorm.forward(x);
        return x + Drop(feedForward is null ? contract.forward(nn.functional.gelu(expand.forward(normed))) : feedForward.forward(normed));
    }

    Tensor Drop(Tensor branch) => Dropout > 0 && training ? nn.functional.dropout(branch, Dropout, training: true) : branch;
}
