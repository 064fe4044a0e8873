using Bench.Submissions.Papers;

namespace Bench.Repro.Tests.Cli;

public class PaperCommandsTests
{
    [Fact]
    public void List_prints_every_paper_with_a_status()
    {
        var (code, output) = ReproRunner.Run("list", "--format", "csv");
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(PaperRegistry.All.Count + 1, lines.Length);
        Assert.All(PaperRegistry.All, p => Assert.Contains(lines, l => l.StartsWith(p.Id + ",") && l.Contains("," + p.StatusText + ",")));
    }

    [Fact]
    public void Filters_narrow_the_list()
    {
        var (_, output) = ReproRunner.Run("list", "--status", "out-of-scope", "--category", "distributed-systems", "--format", "csv");
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        var expected = PaperRegistry.All.Count(p => p.Status == PaperStatus.OutOfScope && p.Category == "distributed-systems");
        Assert.Equal(expected, rows.Count);
        Assert.True(expected > 0);
        Assert.All(rows, r => Assert.Contains(",distributed-systems,", r));
    }

    [Theory]
    [InlineData(new[] { "list", "--status", "done" }, "unknown status 'done'. Valid statuses: implemented, planned, out-of-scope.")]
    [InlineData(new[] { "list", "--category", "magic" }, "unknown category 'magic'. Valid categories: architecture,")]
    [InlineData(new[] { "list", "--workload", "imagenet" }, "no paper names workload 'imagenet'. Valid:")]
    [InlineData(new[] { "list", "everything" }, "unknown list 'everything'. Valid lists: papers, workloads, submissions.")]
    [InlineData(new[] { "show", "no-such-paper" }, "unknown paper 'no-such-paper'.")]
    [InlineData(new[] { "show" }, "show needs exactly one paper id")]
    public void Bad_filters_and_ids_exit_2_naming_the_choices(string[] args, string message)
    {
        var (code, output) = ReproRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Contains("error: " + message, output);
    }

    public static TheoryData<string> PaperIds => [.. PaperRegistry.All.Select(p => p.Id)];

    [Theory]
    [MemberData(nameof(PaperIds))]
    public void Show_works_for_every_paper(string id)
    {
        var paper = PaperRegistry.Get(id);
        var (code, output) = ReproRunner.Run("show", id);

        Assert.Equal(0, code);
        Assert.Contains(paper.Title, output);
        Assert.Contains(paper.StatusText, output);
        Assert.Contains("reproduce", output);
    }

    [Fact]
    public void Show_of_an_out_of_scope_paper_gives_the_reason()
    {
        var paper = PaperRegistry.All.First(p => p.Status == PaperStatus.OutOfScope);
        var (_, output) = ReproRunner.Run("show", paper.Id);
        Assert.Contains("out-of-scope: " + paper.StatusReason[..20], output.Replace("\n", " "));
    }
}
