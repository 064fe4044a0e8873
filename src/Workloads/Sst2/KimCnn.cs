using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Workloads.Sst2;

/// <summary>
/// Kim (2014)'s sentence CNN: word embeddings, parallel 1-D convolutions of widths 3, 4 and 5 with ReLU
/// and max-over-time pooling, dropout, and a linear classifier. Padding tokens embed to zero (padding_idx).
/// </summary>
public sealed class KimCnn : nn.Module<Tensor, Tensor>, Bench.Contracts.ITokenClassifier
{
    public static readonly int[] Widths = [3, 4, 5];

    readonly Embedding embedding;
    readonly ModuleList<Conv1d> convolutions;
    readonly Dropout dropout;
    readonly Linear classifier;

    public KimCnn(int vocabulary, int dimensions, int filters, int classes, double dropoutRate) : base(nameof(KimCnn))
    {
        embedding = nn.Embedding(vocabulary, dimensions, padding_idx: LabelledSentences.Padding);
        convolutions = nn.ModuleList(Widths.Select(w => nn.Conv1d(dimensions, filters, w, padding: w - 1)).ToArray());
        dropout = nn.Dropout(dropoutRate);
        classifier = nn.Linear(filters * Widths.Length, classes);
        RegisterComponents();
        Vocabulary = vocabulary;
        Classes = classes;
    }

    public int Vocabulary { get; }

    public int PaddingToken => LabelledSentences.Padding;

    public int Classes { get; }

    /// <summary>Forward FLOPs for one padded sentence of <paramref name="length"/> tokens.</summary>
    public static double ForwardFlops(int length, int dimensions, int filters, int classes) =>
        Widths.Sum(w => 2.0 * (length + w - 1) * dimensions * filters * w) + 2.0 * filters * Widths.Length * classes;

    public override Tensor forward(Tensor tokens)
    {
        var x = embedding.forward(tokens).transpose(1, 2);
        var pooled = convolutions.Select(c => nn.functional.relu(c.forward(x)).amax(2)).ToArray();
        return classifier.forward(dropout.forward(cat(pooled, 1)));
    }
}
