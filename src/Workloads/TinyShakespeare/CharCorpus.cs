using System.Text;

namespace Bench.Workloads.TinyShakespeare;

/// <summary>
/// A character corpus split nanoGPT's way: the first 90% of characters train, the rest validate.
/// The vocabulary is every distinct character of the whole file, sorted by code point, so another
/// text file of the same kind just works.
/// </summary>
public sealed class CharCorpus
{
    public const double TrainFraction = 0.9;

    public CharCorpus(string text)
    {
        if (text.Length < 1000) throw new InvalidDataException($"the corpus has {text.Length} characters; a char LM needs far more");
        Vocabulary = text.Distinct().Order().ToArray();
        var index = new Dictionary<char, int>();
        for (var i = 0; i < Vocabulary.Length; i++) index[Vocabulary[i]] = i;
        var tokens = text.Select(c => (long)index[c]).ToArray();
        var split = (int)(text.Length * TrainFraction);
        Train = tokens[..split];
        Validation = tokens[split..];
    }

    /// <summary>Reads a UTF-8 text file.</summary>
    public static CharCorpus Read(string path) => new(File.ReadAllText(path, Encoding.UTF8));

    public char[] Vocabulary { get; }
    public long[] Train { get; }
    public long[] Validation { get; }
}
