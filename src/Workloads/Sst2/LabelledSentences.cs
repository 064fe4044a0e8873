using System.Globalization;
using System.Text;

namespace Bench.Workloads.Sst2;

/// <summary>
/// A sentence-classification dataset in <c>label&lt;TAB&gt;text</c> TSV files: <c>train.tsv</c>, and optionally
/// <c>dev.tsv</c> and <c>test.tsv</c>. Text is lower-cased and split on spaces. Labels that are all non-negative
/// integers are the class ids (SST-2: classes = largest label + 1); otherwise the distinct label strings of all
/// splits, sorted ordinally, are classes 0, 1, ... (<see cref="LabelNames"/>). Without <c>dev.tsv</c> the validation
/// split is cut from train by a fixed rule (<see cref="HoldOutSeed"/>); without <c>test.tsv</c> the validation split is
/// the one evaluated. The vocabulary is the (remaining) training split's words (id 0 = padding, 1 = unknown).
/// </summary>
public sealed class LabelledSentences
{
    public const int Padding = 0;
    public const int Unknown = 1;

    /// <summary>
    /// Seed of the shuffle that cuts a validation split from train when there is no <c>dev.tsv</c>: the training lines are
    /// shuffled with <c>System.Random(HoldOutSeed)</c> and the last 10% (at least one line) become the validation split.
    /// Fixed, so every trial and seed sees the same split.
    /// </summary>
    public const int HoldOutSeed = 2014;

    LabelledSentences(IReadOnlyList<string> labelNames, Dictionary<string, int> vocabulary, (int Label, string[] Words)[] train,
        (int Label, string[] Words)[] dev, (int Label, string[] Words)[] test, string description)
    {
        LabelNames = labelNames;
        Vocabulary = vocabulary;
        Description = description;
        Classes = labelNames.Count > 0 ? labelNames.Count : train.Concat(dev).Concat(test).Max(s => s.Label) + 1;
        Length = train.Concat(dev).Concat(test).Max(s => s.Words.Length);
        (Train, TrainLabels) = Encode(train);
        (Dev, DevLabels) = Encode(dev);
        (Test, TestLabels) = Encode(test);
    }

    /// <summary>Class names by id when the labels were strings; empty when they were integer ids.</summary>
    public IReadOnlyList<string> LabelNames { get; }

    public IReadOnlyDictionary<string, int> Vocabulary { get; }
    public int Classes { get; }

    /// <summary>Tokens per padded sentence: the longest sentence of any split.</summary>
    public int Length { get; }

    /// <summary>For the manifest: split sizes, where the validation and evaluated splits come from, and the label mapping.</summary>
    public string Description { get; }

    public long[] Train { get; private set; } = [];
    public long[] TrainLabels { get; private set; } = [];
    public long[] Dev { get; private set; } = [];
    public long[] DevLabels { get; private set; } = [];
    public long[] Test { get; private set; } = [];
    public long[] TestLabels { get; private set; } = [];

    public static LabelledSentences Read(string folder)
    {
        var train = ReadFile(Path.Combine(folder, "train.tsv"));
        var devPath = Path.Combine(folder, "dev.tsv");
        var testPath = Path.Combine(folder, "test.tsv");
        var notes = new List<string>();
        List<(string Label, string[] Words)> dev;
        if (File.Exists(devPath)) dev = ReadFile(devPath);
        else
        {
            if (train.Count < 2) throw new InvalidDataException($"{Path.Combine(folder, "train.tsv")} needs at least 2 examples to cut a validation split " +
                "from (there is no dev.tsv)");
            (train, dev) = HoldOut(train);
            notes.Add($"no dev.tsv: validation = the last 10% of train.tsv after a shuffle with System.Random({HoldOutSeed}) ({dev.Count} sentences)");
        }
        var test = File.Exists(testPath) ? ReadFile(testPath) : dev;
        if (!File.Exists(testPath)) notes.Add("no test.tsv: the validation split is evaluated");

        var all = train.Concat(dev).Concat(test).Select(s => s.Label).Distinct(StringComparer.Ordinal).ToList();
        IReadOnlyList<string> names = all.All(l => int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out _)) ? []
            : [.. all.Order(StringComparer.Ordinal)];
        var ids = names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        (int, string[])[] Labelled(List<(string Label, string[] Words)> split) =>
            [.. split.Select(s => (names.Count > 0 ? ids[s.Label] : int.Parse(s.Label, CultureInfo.InvariantCulture), s.Words))];
        if (names.Count > 0) notes.Add($"string labels, sorted: {string.Join(", ", names.Select((n, i) => $"{n}={i}"))}");

        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in train.SelectMany(s => s.Words))
            vocabulary.TryAdd(word, vocabulary.Count + 2);
        var description = $"train {train.Count}, validation {dev.Count}, evaluated {test.Count} sentences" + string.Concat(notes.Select(n => "; " + n));
        return new LabelledSentences(names, vocabulary, Labelled(train), Labelled(dev), Labelled(test), description);
    }

    /// <summary>The fixed validation cut (<see cref="HoldOutSeed"/>): the kept lines stay in file order.</summary>
    static (List<(string, string[])> Train, List<(string, string[])> Dev) HoldOut(List<(string Label, string[] Words)> train)
    {
        var order = Enumerable.Range(0, train.Count).ToArray();
        new Random(HoldOutSeed).Shuffle(order);
        var held = Math.Max(1, train.Count / 10);
        var dev = order[^held..].ToHashSet();
        return ([.. train.Where((_, i) => !dev.Contains(i))], [.. order[^held..].Select(i => train[i])]);
    }

    (long[] Tokens, long[] Labels) Encode((int Label, string[] Words)[] sentences)
    {
        var tokens = new long[sentences.Length * Length];
        for (var i = 0; i < sentences.Length; i++)
            for (var j = 0; j < sentences[i].Words.Length; j++)
                tokens[i * Length + j] = Vocabulary.TryGetValue(sentences[i].Words[j], out var id) ? id : Unknown;
        return (tokens, sentences.Select(s => (long)s.Label).ToArray());
    }

    static List<(string Label, string[] Words)> ReadFile(string path)
    {
        var sentences = new List<(string, string[])>();
        var number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (line.Length == 0) continue;
            var tab = line.IndexOf('\t');
            var label = tab > 0 ? line[..tab].Trim() : "";
            if (label.Length == 0)
                throw new InvalidDataException($"{path}:{number}: expected '<label>\\t<text>' with a non-empty label");
            if (label.StartsWith('-') && int.TryParse(label, CultureInfo.InvariantCulture, out _))
                throw new InvalidDataException($"{path}:{number}: negative label {label}; integer labels are class ids from 0");
            var words = line[(tab + 1)..].ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) throw new InvalidDataException($"{path}:{number}: empty text");
            sentences.Add((label, words));
        }
        if (sentences.Count == 0) throw new InvalidDataException($"{path} has no examples");
        return sentences;
    }
}
