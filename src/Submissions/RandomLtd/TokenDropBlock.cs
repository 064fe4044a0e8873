using Bench.Contracts;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.RandomLtd;

/// <summary>
/// Random-LTD's wrapper around one transformer block (<see cref="LayerKind.Block"/>): in training, each sequence of the
/// batch passes an independent uniformly random subset of <see cref="KeptTokens"/> of its tokens through the block, in
/// their original order; the other tokens bypass the block unchanged, and the block's outputs are scattered back to the
/// kept tokens' positions. Because the kept tokens stay sorted, the block's causal mask among them is the original
/// causal order (kept token i attends kept token j exactly when j's original position is not after i's). In evaluation
/// mode, or with every token kept, it is the block itself.
/// </summary>
/// <remarks>
/// It lists the wrapped block's layers (<see cref="IReplaceableLayers"/>) as the block does, at every token of the window
/// (what the workload's FLOPs figure counts), so other methods can still find and replace them; the dropped share's
/// FLOPs are taken off by <see cref="RandomLtdSubmission.TrainFlopsPerExample"/>. Random numbers come from the generator it is given (one
/// per trial, seeded from the trial's seed), so a trial is reproducible.
/// </remarks>
public sealed class TokenDropBlock : nn.Module<Tensor, Tensor>, IReplaceableLayers, IDropoutModel
{
    readonly nn.Module<Tensor, Tensor> block;
    readonly Generator generator;

    readonly long windowTokens;

    /// <summary>
    /// Wraps <paramref name="block"/> (kept as this module's child <c>block</c>), drawing subsets from
    /// <paramref name="generator"/>; <paramref name="windowTokens"/> is the model's sequence length, at which
    /// <see cref="Layers"/> prices the kept share.
    /// </summary>
    public TokenDropBlock(nn.Module<Tensor, Tensor> block, Generator generator, long windowTokens) : base(nameof(TokenDropBlock))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowTokens, 1);
        this.block = block;
        this.generator = generator;
        this.windowTokens = windowTokens;
        RegisterComponents();
    }

    /// <summary>The wrapped block.</summary>
    public nn.Module<Tensor, Tensor> Block => block;

    /// <summary>Tokens of each sequence the block processes in training; null (or at least the sequence length) keeps all.</summary>
    public int? KeptTokens
    {
        get => keptTokens;
        set => keptTokens = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "at least one token must be kept");
    }

    int? keptTokens;

    /// <summary>
    /// The kept positions of the last training forward pass ([batch, kept], sorted), or null if it kept all; made in that
    /// pass's dispose scope and valid only within it.
    /// </summary>
    public Tensor? LastKept { get; private set; }

    /// <summary>Tokens of a window the block processes now in training: <see cref="KeptTokens"/>, at most the window.</summary>
    public long KeptOfWindow => keptTokens is { } k && k < windowTokens ? k : windowTokens;

    /// <summary>The window length this block was made for.</summary>
    public long WindowTokens => windowTokens;

    /// <summary>The wrapped block's layers, named under <c>block</c> (one application per token, as the block lists them).</summary>
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

    /// <summary>The block on a random kept subset of each sequence's tokens (training), or on all of them.</summary>
    public override Tensor forward(Tensor x)
    {
        var (batch, tokens) = (x.shape[0], x.shape[1]);
        if (!training || keptTokens is not { } k || k >= tokens)
        {
            LastKept = null;
            return block.forward(x);
        }
        var kept = Sample(batch, tokens, k, generator, x.device);
        LastKept = kept;
        return Through(block, x, kept);
    }

    /// <summary>
    /// <paramref name="kept"/> distinct positions of each of <paramref name="batch"/> sequences of <paramref name="tokens"/>,
    /// uniformly at random and independently per sequence, sorted ascending: [batch, kept] (int64).
    /// </summary>
    public static Tensor Sample(long batch, long tokens, long kept, Generator generator, Device device)
    {
        using var scope = NewDisposeScope();
        // The positions of the k smallest of iid uniforms are a uniform k-subset; sorting keeps the original order.
        var keys = rand([batch, tokens], generator: generator);
        var chosen = keys.topk((int)kept, dim: 1, largest: false).indexes;
        return chosen.sort(dim: 1).Values.to(device).MoveToOuterDisposeScope();
    }

    /// <summary>The rows of <paramref name="x"/> [batch, tokens, width] at <paramref name="kept"/> [batch, k]: [batch, k, width].</summary>
    public static Tensor Gather(Tensor x, Tensor kept) => x.gather(1, Expand(kept, x.shape[2]));

    /// <summary><paramref name="x"/> with the rows at <paramref name="kept"/> replaced by <paramref name="rows"/> [batch, k, width], in order.</summary>
    public static Tensor Scatter(Tensor x, Tensor kept, Tensor rows) => x.scatter(1, Expand(kept, x.shape[2]), rows);

    /// <summary>
    /// <paramref name="block"/> applied to the kept tokens only (causal among them in their original order); the other
    /// tokens pass unchanged.
    /// </summary>
    public static Tensor Through(nn.Module<Tensor, Tensor> block, Tensor x, Tensor kept) => Scatter(x, kept, block.forward(Gather(x, kept)));

    static Tensor Expand(Tensor kept, long width) => kept.unsqueeze(-1).expand(-1, -1, width);
}
