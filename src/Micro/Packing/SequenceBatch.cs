using static TorchSharp.torch;

namespace Bench.Micro.Packing;

/// <summary>
/// Variable-length documents laid out in rows of a fixed width for next-token training, either one per row
/// with right padding (<see cref="Padded"/>) or several per row (<see cref="Packed"/>, first fit in order).
/// Positions restart at 0 in every document; <see cref="AttentionMask"/> keeps attention causal and inside
/// each document (null for padded rows, where plain causal attention already never sees the padding).
/// </summary>
public sealed class SequenceBatch : IDisposable
{
    SequenceBatch(Tensor tokens, Tensor positions, Tensor targets, Tensor targetDocuments, Tensor? attentionMask, Tensor lengths)
    {
        Tokens = tokens;
        Positions = positions;
        Targets = targets;
        TargetDocuments = targetDocuments;
        AttentionMask = attentionMask;
        Lengths = lengths;
    }

    /// <summary>Token ids [rows, width].</summary>
    public Tensor Tokens { get; }

    /// <summary>Position within its document [rows, width].</summary>
    public Tensor Positions { get; }

    /// <summary>The next token of the same document [rows, width] (0 where there is none).</summary>
    public Tensor Targets { get; }

    /// <summary>The document each target belongs to [rows, width]; the document count where there is no target.</summary>
    public Tensor TargetDocuments { get; }

    /// <summary>Boolean [rows, 1, width, width], true where query i may attend key j; null means causal.</summary>
    public Tensor? AttentionMask { get; }

    /// <summary>Document lengths [documents].</summary>
    public Tensor Lengths { get; }

    /// <summary>Rows in the layout.</summary>
    public long Rows => Tokens.shape[0];

    /// <summary>One document per row, right-padded to <paramref name="width"/>.</summary>
    public static SequenceBatch Padded(IReadOnlyList<long[]> documents, int width) =>
        Build(documents, width, Enumerable.Range(0, documents.Count).Select(d => (Row: d, Offset: 0)).ToArray(), documents.Count, packed: false);

    /// <summary>Documents placed in order into the first row with room (rows of <paramref name="width"/> tokens).</summary>
    public static SequenceBatch Packed(IReadOnlyList<long[]> documents, int width)
    {
        var free = new List<int>();
        var placement = new (int Row, int Offset)[documents.Count];
        for (var d = 0; d < documents.Count; d++)
        {
            var length = documents[d].Length;
            if (length > width) throw new ArgumentException($"document {d} has {length} tokens, more than the row width {width}");
            var row = free.FindIndex(f => f >= length);
            if (row < 0) { free.Add(width); row = free.Count - 1; }
            placement[d] = (row, width - free[row]);
            free[row] -= length;
        }
        return Build(documents, width, placement, free.Count, packed: true);
    }

    static SequenceBatch Build(IReadOnlyList<long[]> documents, int width, (int Row, int Offset)[] placement, int rows, bool packed)
    {
        var tokens = new long[rows * width];
        var positions = new long[rows * width];
        var targets = new long[rows * width];
        var targetDocuments = Enumerable.Repeat((long)documents.Count, rows * width).ToArray();
        var tokenDocuments = Enumerable.Repeat(-1L, rows * width).ToArray();
        for (var d = 0; d < documents.Count; d++)
        {
            var document = documents[d];
            var start = placement[d].Row * width + placement[d].Offset;
            for (var j = 0; j < document.Length; j++)
            {
                tokens[start + j] = document[j];
                positions[start + j] = j;
                tokenDocuments[start + j] = d;
                if (j + 1 < document.Length) (targets[start + j], targetDocuments[start + j]) = (document[j + 1], d);
            }
        }
        Tensor? mask = null;
        if (packed)
        {
            using var owner = tensor(tokenDocuments, [rows, width]);
            using var same = owner.unsqueeze(2).eq(owner.unsqueeze(1));
            using var causal = ones(width, width, ScalarType.Bool).tril();
            mask = same.logical_and(causal).unsqueeze(1);
        }
        return new SequenceBatch(
            tensor(tokens, [rows, width]), tensor(positions, [rows, width]), tensor(targets, [rows, width]),
            tensor(targetDocuments, [rows, width]), mask, tensor(documents.Select(d => (long)d.Length).ToArray()));
    }

    /// <summary>Random documents with SST-2 lengths over token ids 1..vocabulary-1.</summary>
    public static long[][] RandomDocuments(int count, int vocabulary, int seed)
    {
        var random = new Random(seed);
        return Sst2Lengths.Sample(count, seed)
            .Select(length => Enumerable.Range(0, length).Select(_ => (long)random.Next(1, vocabulary)).ToArray())
            .ToArray();
    }

    public void Dispose()
    {
        Tokens.Dispose();
        Positions.Dispose();
        Targets.Dispose();
        TargetDocuments.Dispose();
        AttentionMask?.Dispose();
        Lengths.Dispose();
    }
}
