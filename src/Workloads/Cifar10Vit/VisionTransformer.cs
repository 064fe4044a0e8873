using Bench.Contracts;
using Bench.Workloads.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Workloads.Cifar10Vit;

/// <summary>
/// A small vision transformer (Dosovitskiy et al. 2021) for 32x32 images: non-overlapping patches flattened and embedded
/// by one linear layer, learned positional embeddings added, pre-LN bidirectional blocks (<see cref="TransformerBlock"/>),
/// a final LayerNorm, the mean over the encoded tokens and a linear head. No class token: the mean over tokens pools
/// whichever tokens were encoded, so a method may drop tokens in training (<see cref="ITokenDroppingModel"/>). Replaceable
/// layers: <c>embedding</c>, each block's four (<c>blocks.i.qkv</c>, ...) and the <c>head</c>.
/// </summary>
public sealed class VisionTransformer : nn.Module<Tensor, Tensor>, IReplaceableLayers, ITokenDroppingModel
{
    /// <summary>The image side the model and its FLOPs assume (CIFAR-10's).</summary>
    public const int Side = 32;

    const int Channels = 3;

    nn.Module<Tensor, Tensor> embedding;
    readonly Parameter positions;
    readonly ModuleList<TransformerBlock> blocks;
    readonly LayerNorm finalNorm;
    nn.Module<Tensor, Tensor> head;
    readonly VitShape shape;
    readonly int patch;
    readonly int width;
    readonly int classes;

    /// <summary>A ViT of <paramref name="shape"/> with <paramref name="classes"/> outputs.</summary>
    public VisionTransformer(VitShape shape, int classes) : base(nameof(VisionTransformer))
    {
        if (Side % shape.Patch != 0) throw new ArgumentException($"patch side {shape.Patch} does not divide the image side {Side}", nameof(shape));
        (this.shape, patch, width, this.classes) = (shape, shape.Patch, shape.Width, classes);
        embedding = nn.Linear(PatchFeatures, width);
        positions = new Parameter(normal(0, 0.02, [Tokens, width]));
        blocks = nn.ModuleList(Enumerable.Range(0, shape.Layers).Select(_ => new TransformerBlock(width, shape.Heads, causal: false)).ToArray());
        finalNorm = nn.LayerNorm(width);
        head = nn.Linear(width, classes);
        RegisterComponents();
    }

    /// <summary>Patches per image: (32 / patch)².</summary>
    public int Tokens => TokensOf(patch);

    /// <summary>Patches per 32x32 image at patch side <paramref name="patch"/>: (32 / patch)².</summary>
    public static int TokensOf(int patch) => Side / patch * (Side / patch);

    int PatchFeatures => Channels * patch * patch;

    /// <inheritdoc/>
    public Func<Tensor, Tensor>? TokenSelector { get; set; }

    /// <summary>Matmul FLOPs of one forward pass of an image when <paramref name="tokens"/> of its patches are encoded.</summary>
    public double ForwardFlopsPerExample(int tokens) => ForwardFlops(shape, classes, tokens);

    /// <summary>
    /// Matmul FLOPs (2 per multiply-add) of one forward pass of an image through a ViT of <paramref name="shape"/> when
    /// <paramref name="tokens"/> patches enter it: the patch embedding and every block's layers and attention at that many
    /// tokens (<see cref="TransformerBlock.ForwardFlopsPerToken"/>), and the head once.
    /// </summary>
    public static double ForwardFlops(VitShape shape, int classes, int tokens) =>
        tokens * (2.0 * Channels * shape.Patch * shape.Patch * shape.Width
                  + shape.Layers * TransformerBlock.ForwardFlopsPerToken(shape.Width, tokens))
        + 2.0 * shape.Width * classes;

    public IReadOnlyList<LayerSlot> Layers =>
    [
        new(nameof(embedding), LayerKind.Linear, LayerRole.Embedding, PatchFeatures, width, 1, Tokens, embedding),
        .. blocks.SelectMany((block, i) => block.Layers.Select(slot => slot.Within($"{nameof(blocks)}.{i}", Tokens))),
        new(nameof(head), LayerKind.Linear, LayerRole.Head, width, classes, 1, 1, head),
    ];

    public nn.Module<Tensor, Tensor> ReplaceLayer(string name, nn.Module<Tensor, Tensor> replacement)
    {
        if (name != nameof(embedding))
            return LayerSurgery.ReplaceInBlocksOrHead(this, name, replacement, i => blocks[i], nameof(head), h => head = h);
        var slot = LayerSurgery.Find(this, name);
        LayerSurgery.Prepare(slot, replacement);
        embedding = replacement;
        LayerSurgery.Register(this, name, replacement);
        return slot.Module;
    }

    /// <summary>
    /// Images [batch, 3, 32, 32] as rows of flattened patches [batch, tokens, 3 x patch²], patches in raster order
    /// (token t is the patch at row t / (32 / patch), column t % (32 / patch)).
    /// </summary>
    public Tensor Patches(Tensor images)
    {
        var (batch, grid) = (images.shape[0], Side / patch);
        return images.view(batch, Channels, grid, patch, grid, patch).permute(0, 2, 4, 1, 3, 5).reshape(batch, Tokens, PatchFeatures);
    }

    /// <summary>Every token of the images embedded, with its position's embedding added: [batch, tokens, width].</summary>
    public Tensor Embed(Tensor images) => embedding.forward(Patches(images)) + positions;

    /// <summary>Logits [batch, classes] of encoded tokens [batch, any count, width]: the blocks, LayerNorm, mean over tokens, head.</summary>
    public Tensor Encode(Tensor tokens)
    {
        foreach (var block in blocks) tokens = block.forward(tokens);
        return head.forward(finalNorm.forward(tokens).mean([1]));
    }

    /// <summary>
    /// Logits [batch, classes] for images [batch, 3, 32, 32]. In training mode with a <see cref="TokenSelector"/>, only the
    /// selected patches are embedded and encoded, each with the positional embedding of its place in the image.
    /// </summary>
    public override Tensor forward(Tensor images)
    {
        var patches = Patches(images);
        if (!training || TokenSelector is not { } select) return Encode(embedding.forward(patches) + positions);
        var kept = select(patches);
        if (kept.dim() != 2 || kept.shape[0] != patches.shape[0] || kept.dtype != ScalarType.Int64)
            throw new InvalidOperationException($"the token selector returned [{string.Join(", ", kept.shape)}] {kept.dtype}; expected " +
                $"[{patches.shape[0]}, kept] int64 positions in 0..{Tokens - 1}");
        var selected = patches.gather(1, kept.unsqueeze(-1).expand(-1, -1, patches.shape[2]));
        var keptPositions = positions.index_select(0, kept.flatten()).view(kept.shape[0], kept.shape[1], width);
        return Encode(embedding.forward(selected) + keptPositions);
    }
}
