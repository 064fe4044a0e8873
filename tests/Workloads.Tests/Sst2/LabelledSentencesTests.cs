using Bench.Workloads.Sst2;
using Bench.Tests.Shared;

namespace Bench.Workloads.Tests.Sst2;

public sealed class LabelledSentencesTests : TempFolderTests
{

    void Write(string train, string dev = "0\ta b\n", string test = "2\tz a\n")
    {
        File.WriteAllText(Path.Combine(Folder, "train.tsv"), train);
        File.WriteAllText(Path.Combine(Folder, "dev.tsv"), dev);
        File.WriteAllText(Path.Combine(Folder, "test.tsv"), test);
    }

    [Fact]
    public void Words_get_ids_from_train_and_unknown_words_map_to_unknown()
    {
        Write("1\ta b c\n0\tb\n");
        var data = LabelledSentences.Read(Folder);

        Assert.Equal(3, data.Classes);          // labels 0, 1 and 2 (in test)
        Assert.Equal(3, data.Length);           // the longest sentence
        Assert.Equal([2L, 3, 4, 3, 0, 0], data.Train); // a=2 b=3 c=4, padded with 0
        Assert.Equal([LabelledSentences.Unknown, 2L, 0], data.Test); // z is unknown
        Assert.Equal([1L, 0], data.TrainLabels);
    }

    [Theory]
    [InlineData("\ttext\n", "train.tsv:1")]
    [InlineData("1\tok\n-1\ttext\n", "train.tsv:2: negative label")]
    [InlineData("1\t\n", "train.tsv:1: empty text")]
    [InlineData("no tab here\n", "train.tsv:1")]
    public void Malformed_lines_name_file_and_line(string train, string where)
    {
        Write(train);
        Assert.Contains(where, Assert.Throws<InvalidDataException>(() => LabelledSentences.Read(Folder)).Message);
    }

    [Fact]
    public void String_labels_map_to_ids_in_sorted_order_over_every_split()
    {
        Write("pos\tgood film\nneg\tbad film\n", dev: "neutral\tfilm\n", test: "pos\tgood\n");
        var data = LabelledSentences.Read(Folder);

        Assert.Equal(["neg", "neutral", "pos"], data.LabelNames);
        Assert.Equal(3, data.Classes);
        Assert.Equal([2L, 0], data.TrainLabels);
        Assert.Equal([1L], data.DevLabels);
        Assert.Contains("string labels, sorted: neg=0, neutral=1, pos=2", data.Description);
    }

    [Fact]
    public void Integer_labels_stay_class_ids_as_in_sst2()
    {
        Write("1\ta\n0\tb\n");
        var data = LabelledSentences.Read(Folder);
        Assert.Empty(data.LabelNames);
        Assert.Equal([1L, 0], data.TrainLabels);
    }

    [Fact]
    public void Text_is_lower_cased()
    {
        Write("1\tThe FILM\n0\tthe film\n");
        var data = LabelledSentences.Read(Folder);
        Assert.Equal(2, data.Vocabulary.Count); // the, film
        Assert.Equal(data.Train[..2], data.Train[2..4]);
    }

    [Fact]
    public void Without_dev_tsv_a_fixed_tenth_of_train_becomes_the_validation_split()
    {
        File.WriteAllText(Path.Combine(Folder, "train.tsv"), string.Concat(Enumerable.Range(0, 30).Select(i => $"{(i % 2 == 0 ? "b" : "a")}\tw{i}\n")));
        File.WriteAllText(Path.Combine(Folder, "test.tsv"), "a\tw1\n");

        var first = LabelledSentences.Read(Folder);
        var second = LabelledSentences.Read(Folder);

        // 30 lines: the last 3 of the shuffled order are held out; the rest train (and make the vocabulary: 27 words).
        Assert.Equal((27, 3, 1), (first.TrainLabels.Length, first.DevLabels.Length, first.TestLabels.Length));
        Assert.Equal(27, first.Vocabulary.Count);
        Assert.Equal(first.Dev, second.Dev);
        Assert.All(first.Dev, token => Assert.Equal(LabelledSentences.Unknown, token)); // held-out words were never trained on
        Assert.Contains($"no dev.tsv: validation = the last 10% of train.tsv after a shuffle with System.Random({LabelledSentences.HoldOutSeed})",
            first.Description);
    }

    [Fact]
    public void Without_test_tsv_the_validation_split_is_evaluated()
    {
        File.WriteAllText(Path.Combine(Folder, "train.tsv"), "a\tx\nb\ty\n");
        File.WriteAllText(Path.Combine(Folder, "dev.tsv"), "b\tx y\n");
        var data = LabelledSentences.Read(Folder);
        Assert.Equal(data.Dev, data.Test);
        Assert.Equal([1L], data.TestLabels);
        Assert.Contains("no test.tsv", data.Description);
    }
}
