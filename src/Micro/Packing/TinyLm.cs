using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Micro.Packing;

/// <summary>
/// A one-block language model with the char-GPT block's layout (pre-LayerNorm attention and 4x GELU MLP)
/// whose attention takes an explicit mask, so packed rows can keep documents apart. Token and position
/// embeddings in, logits out.
/// </summary>
public sealed class TinyLm : nn.Module
{
    readonly Embedding tokens;
    readonly Embedding positions;
    readonly LayerNorm attentionNorm;
    readonly Linear qkv;
    readonly Linear projection;
    readonly LayerNorm mlpNorm;
    readonly Linear expand;
    readonly Linear contract;
    readonly LayerNorm finalNorm;
    readonly Linear head;
    readonly int heads;

    public TinyLm(int vocabulary, int maxPosition, int width, int heads) : base(nameof(TinyLm))
    {
        this.heads = heads;
        tokens = nn.Embedding(vocabulary, width);
        positions = nn.Embedding(maxPosition, width);
        attentionNorm = nn.LayerNorm(width);
        qkv = nn.Linear(width, 3 * width);
        projection = nn.Linear(width, width);
        mlpNorm = nn.LayerNorm(width);
        expand = nn.Linear(width, 4 * width);
        contract = nn.Linear(4 * width, width);
        finalNorm = nn.LayerNorm(width);
        head = nn.Linear(width, vocabulary);
        RegisterComponents();
    }

    /// <summary>Logits [rows, width, vocabulary]; a null <paramref name="mask"/> means plain causal attention.</summary>
    public Tensor Logits(Tensor tokenIds, Tensor positionIds, Tensor? mask)
    {
        var x = tokens.forward(tokenIds) + positions.forward(positionIds);
        var (batch, length, width) = (x.shape[0], x.shape[1], x.shape[2]);
        var split = qkv.forward(attentionNorm.forward(x)).view(batch, length, 3, heads, width / heads).permute(2, 0, 3, 1, 4);
        var attended = mask is null
            ? nn.functional.scaled_dot_product_attention(split[0], split[1], split[2], null, 0.0, true)
            : nn.functional.scaled_dot_product_attention(split[0], split[1], split[2], mask, 0.0, false);
        x = x + projection.forward(attended.transpose(1, 2).reshape(batch, length, width));
        x = x + contract.forward(nn.functional.gelu(expand.forward(mlpNorm.forward(x))));
        return head.forward(finalNorm.forward(x));
    }

    /// <summary>Mean next-token cross-entropy of every document [documents], whatever the layout.</summary>
    public Tensor PerDocumentLoss(SequenceBatch batch)
    {
        var logits = Logits(batch.Tokens, batch.Positions, batch.AttentionMask);
        var tokenLoss = nn.functional.cross_entropy(logits.flatten(0, 1), batch.Targets.flatten(), reduction: nn.Reduction.None);
        var documents = batch.Lengths.shape[0];
        // Positions without a target go to an extra bucket (index = documents) that is dropped.
        var sums = zeros(documents + 1).index_add(0, batch.TargetDocuments.flatten(), tokenLoss, 1);
        return sums.narrow(0, 0, documents) / (batch.Lengths - 1);
    }
}
