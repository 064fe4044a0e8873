using Bench.Tests.Shared;
using Bench.Workloads.TinyShakespeare;
using TorchSharp;

namespace Bench.Workloads.Tests.TinyShakespeare;

public class CharCorpusTests
{
    static readonly string Text = string.Concat(Enumerable.Repeat("To be, or not to be:\nthat is the question.\n", 40));

    [Fact]
    public void The_split_is_the_first_ninety_percent_and_the_vocabulary_is_sorted()
    {
        var corpus = new CharCorpus(Text);

        Assert.Equal((int)(Text.Length * 0.9), corpus.Train.Length);
        Assert.Equal(Text.Length, corpus.Train.Length + corpus.Validation.Length);
        Assert.Equal(Text.Distinct().Order(), corpus.Vocabulary);
        Assert.Equal('\n', corpus.Vocabulary[0]);
        Assert.Equal(Array.IndexOf(corpus.Vocabulary, 'T'), (int)corpus.Train[0]);
    }

    [Fact]
    public void A_tiny_text_is_rejected() => Assert.Throws<InvalidDataException>(() => new CharCorpus("abc"));

    [Fact]
    public void Windows_pair_each_input_with_the_next_character()
    {
        _ = TorchFixture.Cpu;
        var corpus = new CharCorpus(Text);
        using var scope = torch.NewDisposeScope();
        var batch = new WindowSource(corpus.Train, context: 8, seed: 1, torch.CPU).Next(4);

        Assert.Equal(new long[] { 4, 8 }, batch.Inputs.shape);
        Assert.True(batch.Inputs[.., 1..].eq(batch.Targets[.., ..^1]).all().item<bool>());
    }
}
