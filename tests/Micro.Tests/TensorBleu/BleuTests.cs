using Bench.Micro.TensorBleu;
using Bench.Tests.Shared;
using static TorchSharp.torch;

namespace Bench.Micro.Tests.TensorBleu;

public class BleuTests
{
    // Candidate 1 2 3 4 against reference 1 2 3 5 6: matches 3/4, 2/3, 1/2, 0/1; c = 4 < r = 5.
    static readonly long[] Candidate = [1, 2, 3, 4];
    static readonly long[] Reference = [1, 2, 3, 5, 6];
    static readonly double Brevity = Math.Exp(1 - 5.0 / 4);

    public static TheoryData<BleuSmoothing, double> HandComputed => new()
    {
        { BleuSmoothing.None, 0 },
        { BleuSmoothing.Floor, Brevity * Math.Pow(3.0 / 4 * 2.0 / 3 * 1.0 / 2 * (0.1 / 1), 0.25) },
        { BleuSmoothing.AddOne, Brevity * Math.Pow(3.0 / 4 * (3.0 / 4) * (2.0 / 3) * (1.0 / 2), 0.25) },
        { BleuSmoothing.Exponential, Brevity * Math.Pow(3.0 / 4 * 2.0 / 3 * 1.0 / 2 * (1.0 / (2 * 1)), 0.25) },
    };

    [Theory]
    [MemberData(nameof(HandComputed))]
    public void LoopMatchesHandComputedScore(BleuSmoothing smoothing, double expected) =>
        Assert.Equal(expected, LoopedBleu.Sentence(Candidate, Reference, smoothing), 12);

    [Theory]
    [MemberData(nameof(HandComputed))]
    public void VectorizedMatchesHandComputedScore(BleuSmoothing smoothing, double expected)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var batch = BleuBatch.From([Candidate], [Reference]);
        Assert.Equal(expected, VectorizedBleu.Batch(batch, smoothing, NGramCounting.TensorBleu)[0].item<double>(), 12);
        Assert.Equal(expected, VectorizedBleu.Batch(batch, smoothing, NGramCounting.PackedKeys)[0].item<double>(), 12);
    }

    [Fact]
    public void IdenticalSentencesScoreOne() => Assert.Equal(1.0, LoopedBleu.Sentence([5, 6, 7, 8, 9], [5, 6, 7, 8, 9], BleuSmoothing.None), 12);

    [Fact]
    public void CountsAreClippedByTheReference()
    {
        // 7 7 7 7 against 7 8: unigram 7 is matched once, not four times; c > r so no brevity penalty.
        var expected = Math.Pow(1.0 / 4 * (0.1 / 3) * (0.1 / 2) * (0.1 / 1), 0.25);
        Assert.Equal(expected, LoopedBleu.Sentence([7, 7, 7, 7], [7, 8], BleuSmoothing.Floor), 12);
    }

    [Fact]
    public void EmptyCandidateScoresZero() => Assert.Equal(0, LoopedBleu.Sentence([], [1, 2], BleuSmoothing.Floor));

    [Theory]
    [InlineData(BleuSmoothing.None, NGramCounting.TensorBleu)]
    [InlineData(BleuSmoothing.None, NGramCounting.PackedKeys)]
    [InlineData(BleuSmoothing.Floor, NGramCounting.TensorBleu)]
    [InlineData(BleuSmoothing.Floor, NGramCounting.PackedKeys)]
    [InlineData(BleuSmoothing.AddOne, NGramCounting.PackedKeys)]
    [InlineData(BleuSmoothing.Exponential, NGramCounting.PackedKeys)]
    public void VectorizedEqualsLoopOnRandomBatches(BleuSmoothing smoothing, NGramCounting counting)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        // A small vocabulary gives many matches at every order; include empty and very short sentences.
        using var random = BleuBatch.Random(size: 40, width: 12, vocabulary: 4, seed: 7);
        using var edge = BleuBatch.From([[], [1], [1, 2], [3, 3, 3, 3, 3], [1, 2, 3, 4]], [[1, 2], [1], [1, 2], [3, 3], [1, 2, 3, 4]]);
        // Ids up to 10^6: 4-gram keys (10^24) overflow an int64, so packed keys fall back to unique(dim: 0).
        using var large = BleuBatch.From(
            [[999_999, 5, 999_998, 7, 999_999, 5], [1, 2, 3]],
            [[999_999, 5, 999_998, 7, 8, 999_999, 5], [1, 2, 3, 4]]);
        foreach (var batch in new[] { random, edge, large })
        {
            var looped = LoopedBleu.Batch(batch, smoothing);
            var vectorized = VectorizedBleu.Batch(batch, smoothing, counting).data<double>().ToArray();
            Assert.Equal(looped.Length, vectorized.Length);
            for (var i = 0; i < looped.Length; i++) Assert.Equal(looped[i], vectorized[i], 12);
            Assert.Contains(looped, s => s > 0);
        }
    }
}
