using Bench.Workloads.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Workloads.TinyShakespeare;

/// <summary>nanoGPT's shape at small size: token + position embeddings, pre-LN causal blocks, final LayerNorm, linear head.</summary>
public sealed class CharGpt : nn.Module<Tensor, Tensor>
{
    readonly Embedding tokens;
    readonly Embedding positions;
    readonly ModuleList<TransformerBlock> blocks;
    readonly LayerNorm finalNorm;
    readonly Linear head;

    public CharGpt(int vocabulary, int context, int width, int layers, int heads) : base(nameof(CharGpt))
    {
        tokens = nn.Embedding(vocabulary, width);
        positions = nn.Embedding(context, width);
        blocks = nn.ModuleList(Enumerable.Range(0, layers).Select(_ => new TransformerBlock(width, heads)).ToArray());
        finalNorm = nn.LayerNorm(width);
        head = nn.Linear(width, vocabulary);
        RegisterComponents();
    }

    /// <summary>Logits [batch, tokens, vocabulary] for input ids [batch, tokens].</summary>
    public override Tensor forward(Tensor input)
    {
        using var positionIds = arange(input.shape[1], device: input.device);
        var x = tokens.forward(input) + positions.forward(positionIds);
        foreach (var block in blocks) x = block.forward(x);
        return head.forward(finalNorm.forward(x));
    }
}
