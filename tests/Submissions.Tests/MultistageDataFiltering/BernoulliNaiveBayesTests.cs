using Bench.Submissions.MultistageDataFiltering;

namespace Bench.Submissions.Tests.MultistageDataFiltering;

/// <summary>The meta-predictor: a hand-computed posterior, a separable toy problem, and its bag of words.</summary>
public class BernoulliNaiveBayesTests
{
    [Fact]
    public void The_posterior_is_the_hand_computed_bernoulli_naive_bayes_one()
    {
        // Vocabulary 3; one hard example {0}, one easy {1}; Laplace alpha 1: P(w | class) = (count + 1) / (1 + 2).
        // Hard: P(w0) = 2/3, P(w1) = 1/3, P(w2) = 1/3. Easy: 1/3, 2/3, 1/3. Priors 1/2 each.
        // x = {0}: hard ∝ 2/3 · (1 − 1/3) · (1 − 1/3) = 8/27; easy ∝ 1/3 · (1 − 2/3) · (1 − 1/3) = 2/27; P(hard) = 8 / 10.
        var bayes = new BernoulliNaiveBayes(3);
        bayes.Learn([0], hard: true);
        bayes.Learn([1], hard: false);

        var (hard, easy) = bayes.LogProbabilities([0]);

        Assert.Equal(0.8, Math.Exp(hard), 12);
        Assert.Equal(0.2, Math.Exp(easy), 12);
        Assert.True(bayes.PredictsHard([0]));
        Assert.False(bayes.PredictsHard([1]));
    }

    [Fact]
    public void Before_any_example_both_classes_are_even_and_a_class_never_seen_has_probability_zero()
    {
        var bayes = new BernoulliNaiveBayes(4);
        Assert.Equal(Math.Log(0.5), bayes.LogProbabilities([1]).Hard);

        bayes.Learn([1, 2], hard: false);
        var (hard, easy) = bayes.LogProbabilities([1]);
        Assert.Equal(double.NegativeInfinity, hard);
        Assert.Equal(0.0, easy);
    }

    [Fact]
    public void It_learns_a_separable_toy_problem_from_words_it_shares_with_noise()
    {
        // Word 2 marks hard sentences, word 3 easy ones; words 4-19 are noise in both. Held-out sentences are new mixes.
        var random = new Random(7);
        int[] Sentence(int marker) => [marker, .. Enumerable.Range(0, 5).Select(_ => random.Next(4, 20)).Distinct()];
        var bayes = new BernoulliNaiveBayes(20);
        for (var i = 0; i < 40; i++)
        {
            bayes.Learn(Sentence(2), hard: true);
            bayes.Learn(Sentence(3), hard: false);
        }

        var hard = Enumerable.Range(0, 50).Count(_ => bayes.PredictsHard(Sentence(2)));
        var easy = Enumerable.Range(0, 50).Count(_ => !bayes.PredictsHard(Sentence(3)));

        Assert.Equal(50, hard);
        Assert.Equal(50, easy);
    }

    [Fact]
    public void A_sentences_words_are_its_distinct_ids_without_padding()
    {
        Assert.Equal([1, 5, 7], BernoulliNaiveBayes.Words([5, 1, 5, 7, 0, 0], padding: 0).Order());
    }
}
