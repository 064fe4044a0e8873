using Bench.Workloads.KgTranse;
using Bench.Tests.Shared;

namespace Bench.Workloads.Tests.KgTranse;

public sealed class TripleSetTests : TempFolderTests
{

    void Write(string train, string valid = "a\tr\tc\n", string test = "c\ts\ta\n")
    {
        File.WriteAllText(Path.Combine(Folder, "train.txt"), train);
        File.WriteAllText(Path.Combine(Folder, "valid.txt"), valid);
        File.WriteAllText(Path.Combine(Folder, "test.txt"), test);
    }

    [Fact]
    public void Ids_cover_the_union_of_the_splits_in_order_of_appearance()
    {
        Write("a\tr\tb\nb\tr\ta\n");
        var graph = TripleSet.Read(Folder);
        Assert.Equal(3, graph.Entities);
        Assert.Equal(2, graph.Relations);
        Assert.Equal(new[,] { { 0, 0, 1 }, { 1, 0, 0 } }, graph.Train);
        Assert.Equal(new[,] { { 2, 1, 0 } }, graph.Test);
    }

    [Fact]
    public void A_malformed_line_names_file_and_line()
    {
        Write("a\tr\tb\nbroken line\n");
        var error = Assert.Throws<InvalidDataException>(() => TripleSet.Read(Folder));
        Assert.Contains("train.txt:2", error.Message);
    }
}

public class RealGraphTests
{
    [Theory]
    [InlineData("kg/umls", 135, 46, 5216)]
    [InlineData("kg/wn18rr", 40943, 11, 86835)]
    public void The_shared_graphs_load_with_their_published_sizes(string folder, int entities, int relations, int train)
    {
        var graph = TripleSet.Read(Path.Combine(Bench.Tests.Shared.TestData.Root, folder));
        Assert.Equal(entities, graph.Entities);
        Assert.Equal(relations, graph.Relations);
        Assert.Equal(train, graph.Train.GetLength(0));
    }
}
