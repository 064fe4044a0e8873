using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Submissions.FastText;

/// <summary>
/// fastText's classifier (Joulin et al., arXiv 1607.01759): the mean of the sentence's word embeddings and
/// hashed word-bigram embeddings, fed to a linear layer (a flat softmax: with two classes the paper's
/// hierarchical softmax has nothing to save). Padding positions and bigrams touching padding are left out.
/// </summary>
public sealed class FastTextModel : nn.Module<Tensor, Tensor>
{
    /// <summary>fastText's n-gram hash multiplier (its dictionary hashes an n-gram as h = h * 116049371 + id).</summary>
    public const long HashMultiplier = 116_049_371;

    readonly Embedding words;
    readonly Embedding bigrams;
    readonly Linear output;
    readonly int padding;
    readonly long buckets;

    public FastTextModel(int vocabulary, int padding, int classes, int dimensions, long buckets) : base(nameof(FastTextModel))
    {
        this.padding = padding;
        this.buckets = buckets;
        words = nn.Embedding(vocabulary, dimensions);
        bigrams = nn.Embedding(buckets, dimensions);
        output = nn.Linear(dimensions, classes);
        RegisterComponents();
        // fastText's initialisation: input vectors uniform in +-1/dim, output weights zero.
        using var noGrad = no_grad();
        nn.init.uniform_(words.weight!, -1.0 / dimensions, 1.0 / dimensions);
        nn.init.uniform_(bigrams.weight!, -1.0 / dimensions, 1.0 / dimensions);
        nn.init.zeros_(output.weight!);
        nn.init.zeros_(output.bias!);
    }

    /// <summary>Bucket of the bigram (a, b): (a * multiplier + b) mod buckets, elementwise over int64 tensors.</summary>
    public static Tensor BigramBuckets(Tensor first, Tensor second, long buckets) =>
        (first * HashMultiplier + second).remainder(buckets);

    public override Tensor forward(Tensor tokens)
    {
        var present = tokens.ne(padding);
        var pairs = present[.., ..^1].logical_and(present[.., 1..]);
        var ids = BigramBuckets(tokens[.., ..^1], tokens[.., 1..], buckets);
        var wordSum = (words.forward(tokens) * present.unsqueeze(-1)).sum(1);
        var bigramSum = (bigrams.forward(ids) * pairs.unsqueeze(-1)).sum(1);
        var count = (present.sum(1) + pairs.sum(1)).clamp_min(1).unsqueeze(-1);
        return output.forward((wordSum + bigramSum) / count);
    }
}
