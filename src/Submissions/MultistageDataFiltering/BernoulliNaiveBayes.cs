namespace Bench.Submissions.MultistageDataFiltering;

/// <summary>
/// The meta-predictor of the paper's reference implementation: a two-class Bernoulli naive Bayes over bag-of-words
/// presence features (scikit-learn's <c>BernoulliNB</c> with Laplace smoothing alpha = 1, the class prior fitted from the
/// counts, learned online by <see cref="Learn"/> as <c>partial_fit</c> does). Class 1 is "hard" (loss at or above the
/// threshold), class 0 "easy". Plain C# over token ids: a sentence's features are the distinct ids it holds.
/// </summary>
public sealed class BernoulliNaiveBayes(int vocabulary)
{
    const double Alpha = 1.0;

    // Document counts per class and of each word per class; log(1 - p) summed over the vocabulary is cached per class.
    readonly long[] classCount = new long[2];
    readonly long[][] wordCount = [new long[vocabulary], new long[vocabulary]];
    readonly double[] sumLogAbsent = new double[2];
    bool stale = true;

    /// <summary>The number of features (token ids 0 .. Vocabulary - 1).</summary>
    public int Vocabulary => vocabulary;

    /// <summary>Examples learned so far.</summary>
    public long Examples => classCount[0] + classCount[1];

    /// <summary>Counts one example with its distinct token ids <paramref name="words"/> as <paramref name="hard"/> or easy.</summary>
    public void Learn(IReadOnlyCollection<int> words, bool hard)
    {
        var c = hard ? 1 : 0;
        classCount[c]++;
        foreach (var w in words) wordCount[c][w]++;
        stale = true;
    }

    /// <summary>
    /// log P(hard | words) and log P(easy | words). A class with no example yet has prior 0 (log −∞), as the fitted prior
    /// gives; before any example, both are log 0.5.
    /// </summary>
    public (double Hard, double Easy) LogProbabilities(IReadOnlyCollection<int> words)
    {
        if (Examples == 0) return (Math.Log(0.5), Math.Log(0.5));
        Refresh();
        var joint = new double[2];
        for (var c = 0; c < 2; c++)
        {
            if (classCount[c] == 0) { joint[c] = double.NegativeInfinity; continue; }
            var denominator = classCount[c] + 2 * Alpha;
            var sum = Math.Log(classCount[c]) - Math.Log(Examples) + sumLogAbsent[c];
            foreach (var w in words)
            {
                var p = (wordCount[c][w] + Alpha) / denominator;
                sum += Math.Log(p) - Math.Log(1 - p);
            }
            joint[c] = sum;
        }
        var max = Math.Max(joint[0], joint[1]);
        var norm = max + Math.Log(Math.Exp(joint[0] - max) + Math.Exp(joint[1] - max));
        return (joint[1] - norm, joint[0] - norm);
    }

    /// <summary>Predicted hard: P(hard) at least one half (scikit-learn's <c>predict</c>, ties to the hard class here).</summary>
    public bool PredictsHard(IReadOnlyCollection<int> words)
    {
        var (hard, easy) = LogProbabilities(words);
        return hard >= easy;
    }

    /// <summary>The distinct token ids of one sentence, padding left out (the reference's attention mask).</summary>
    public static int[] Words(ReadOnlySpan<long> tokens, int padding)
    {
        var words = new HashSet<int>();
        foreach (var t in tokens)
            if (t != padding) words.Add((int)t);
        return [.. words];
    }

    void Refresh()
    {
        if (!stale) return;
        for (var c = 0; c < 2; c++)
        {
            var denominator = classCount[c] + 2 * Alpha;
            var sum = 0.0;
            foreach (var n in wordCount[c]) sum += Math.Log(1 - (n + Alpha) / denominator);
            sumLogAbsent[c] = sum;
        }
        stale = false;
    }
}
