using Bench.Contracts;
using Bench.Workloads.Common;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Workloads.Sst2;

/// <summary>
/// Kim (2014)'s sentence CNN: word embeddings, parallel 1-D convolutions of widths 3, 4 and 5 with ReLU
/// and max-over-time pooling, dropout, and a linear classifier. Padding tokens embed to zero (padding_idx).
/// Replaceable layers: the three convolutions (<c>convolutions.i</c>) and the <c>classifier</c>, counted for
/// sentences padded to the length the model is built for.
/// </summary>
public sealed class KimCnn : nn.Module<Tensor, Tensor>, ITokenClassifier, IReplaceableLayers
{
    public static readonly int[] Widths = [3, 4, 5];

    readonly Embedding embedding;
    readonly ModuleList<nn.Module<Tensor, Tensor>> convolutions;
    readonly Dropout dropout;
    nn.Module<Tensor, Tensor> classifier;
    readonly int dimensions;
    readonly int filters;
    readonly int length;

    /// <summary>The network; <paramref name="length"/> is the padded sentence length its FLOPs are counted for.</summary>
    public KimCnn(int vocabulary, int dimensions, int filters, int classes, double dropoutRate, int length) : base(nameof(KimCnn))
    {
        embedding = nn.Embedding(vocabulary, dimensions, padding_idx: LabelledSentences.Padding);
        convolutions = nn.ModuleList(Widths.Select(w => (nn.Module<Tensor, Tensor>)nn.Conv1d(dimensions, filters, w, padding: w - 1)).ToArray());
        dropout = nn.Dropout(dropoutRate);
        classifier = nn.Linear(filters * Widths.Length, classes);
        RegisterComponents();
        Vocabulary = vocabulary;
        Classes = classes;
        (this.dimensions, this.filters, this.length) = (dimensions, filters, length);
    }

    public int Vocabulary { get; }

    public int PaddingToken => LabelledSentences.Padding;

    public int Classes { get; }

    /// <summary>Forward FLOPs for one padded sentence of <paramref name="length"/> tokens.</summary>
    public static double ForwardFlops(int length, int dimensions, int filters, int classes) =>
        Widths.Sum(w => 2.0 * (length + w - 1) * dimensions * filters * w) + 2.0 * filters * Widths.Length * classes;

    /// <summary>A convolution of width w runs at the length + w - 1 positions its padding of w - 1 gives.</summary>
    public IReadOnlyList<LayerSlot> Layers =>
    [
        .. Widths.Select((w, i) => new LayerSlot(
            $"{nameof(convolutions)}.{i}", LayerKind.Conv1d, LayerRole.Convolution, dimensions, filters, w, length + w - 1, convolutions[i])),
        new(nameof(classifier), LayerKind.Linear, LayerRole.Head, filters * Widths.Length, Classes, 1, 1, classifier),
    ];

    public nn.Module<Tensor, Tensor> ReplaceLayer(string name, nn.Module<Tensor, Tensor> replacement)
    {
        var slot = LayerSurgery.Find(this, name);
        LayerSurgery.Prepare(slot, replacement);
        if (name == nameof(classifier))
        {
            classifier = replacement;
            LayerSurgery.Register(this, name, replacement);
        }
        else
        {
            var index = name[(nameof(convolutions).Length + 1)..];
            convolutions[int.Parse(index, System.Globalization.CultureInfo.InvariantCulture)] = replacement;
            LayerSurgery.Register(convolutions, index, replacement);
        }
        return slot.Module;
    }

    public override Tensor forward(Tensor tokens)
    {
        var x = embedding.forward(tokens).transpose(1, 2);
        var pooled = convolutions.Select(c => nn.functional.relu(c.forward(x)).amax(2)).ToArray();
        return classifier.forward(dropout.forward(cat(pooled, 1)));
    }
}
