using System.Text;

namespace Bench.Workloads.TextClassification;

/// <summary>
/// A sentence-classification dataset in <c>label&lt;TAB&gt;text</c> TSV files (train, dev, test), text already
/// tokenised with single spaces (SST-2 as in Kim 2014). The vocabulary is the training split's words
/// (id 0 = padding, 1 = unknown); classes = largest label + 1. Any TSV of this shape just works.
/// </summary>
public sealed class LabelledSentences
{
    public const int Padding = 0;
    public const int Unknown = 1;

    LabelledSentences(Dictionary<string, int> vocabulary, (int Label, string[] Words)[] train, (int Label, string[] Words)[] dev, (int Label, string[] Words)[] test)
    {
        Vocabulary = vocabulary;
        Classes = train.Concat(dev).Concat(test).Max(s => s.Label) + 1;
        Length = train.Concat(dev).Concat(test).Max(s => s.Words.Length);
        (Train, TrainLabels) = Encode(train);
        (Dev, DevLabels) = Encode(dev);
        (Test, TestLabels) = Encode(test);
    }

    public IReadOnlyDictionary<string, int> Vocabulary { get; }
    public int Classes { get; }

    /// <summary>Tokens per padded sentence: the longest sentence of any split.</summary>
    public int Length { get; }

    public long[] Train { get; private set; } = [];
    public long[] TrainLabels { get; private set; } = [];
    public long[] Dev { get; private set; } = [];
    public long[] DevLabels { get; private set; } = [];
    public long[] Test { get; private set; } = [];
    public long[] TestLabels { get; private set; } = [];

    public static LabelledSentences Read(string folder)
    {
        var train = ReadFile(Path.Combine(folder, "train.tsv"));
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in train.SelectMany(s => s.Words))
            vocabulary.TryAdd(word, vocabulary.Count + 2);
        return new LabelledSentences(vocabulary, train, ReadFile(Path.Combine(folder, "dev.tsv")), ReadFile(Path.Combine(folder, "test.tsv")));
    }

    (long[] Tokens, long[] Labels) Encode((int Label, string[] Words)[] sentences)
    {
        var tokens = new long[sentences.Length * Length];
        for (var i = 0; i < sentences.Length; i++)
            for (var j = 0; j < sentences[i].Words.Length; j++)
                tokens[i * Length + j] = Vocabulary.TryGetValue(sentences[i].Words[j], out var id) ? id : Unknown;
        return (tokens, sentences.Select(s => (long)s.Label).ToArray());
    }

    static (int Label, string[] Words)[] ReadFile(string path)
    {
        var sentences = new List<(int, string[])>();
        var number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (line.Length == 0) continue;
            var tab = line.IndexOf('\t');
            if (tab <= 0 || !int.TryParse(line.AsSpan(0, tab), out var label) || label < 0)
                throw new InvalidDataException($"{path}:{number}: expected '<label>\\t<text>' with a non-negative integer label");
            var words = line[(tab + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) throw new InvalidDataException($"{path}:{number}: empty text");
            sentences.Add((label, words));
        }
        if (sentences.Count == 0) throw new InvalidDataException($"{path} has no examples");
        return [.. sentences];
    }
}
