using Bench.Workloads.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Micro.Packing;

/// <summary>
/// A one-block language model: the char-GPT <see cref="TransformerBlock"/> given an explicit attention mask, so
/// packed rows can keep documents apart. Token and position embeddings in, logits out.
/// </summary>
public sealed class TinyLm : nn.Module
{
    readonly Embedding tokens;
    readonly Embedding positions;
    readonly TransformerBlock block;
    readonly LayerNorm finalNorm;
    readonly Linear head;

    public TinyLm(int vocabulary, int maxPosition, int width, int heads) : base(nameof(TinyLm))
    {
        tokens = nn.Embedding(vocabulary, width);
        positions = nn.Embedding(maxPosition, width);
        block = new TransformerBlock(width, heads);
        finalNorm = nn.LayerNorm(width);
        head = nn.Linear(width, vocabulary);
        RegisterComponents();
    }

    /// <summary>Logits [rows, width, vocabulary]; a null <paramref name="mask"/> means plain causal attention.</summary>
    public Tensor Logits(Tensor tokenIds, Tensor positionIds, Tensor? mask)
    {
        var x = block.forward(tokens.forward(tokenIds) + positions.forward(positionIds), mask);
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
