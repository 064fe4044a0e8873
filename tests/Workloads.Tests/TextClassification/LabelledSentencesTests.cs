using Bench.Workloads.TextClassification;
using Bench.Tests.Shared;

namespace Bench.Workloads.Tests.TextClassification;

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
    [InlineData("x\ttext\n", "train.tsv:1")]
    [InlineData("1\t\n", "train.tsv:1: empty text")]
    [InlineData("no tab here\n", "train.tsv:1")]
    public void Malformed_lines_name_file_and_line(string train, string where)
    {
        Write(train);
        Assert.Contains(where, Assert.Throws<InvalidDataException>(() => LabelledSentences.Read(Folder)).Message);
    }
}
