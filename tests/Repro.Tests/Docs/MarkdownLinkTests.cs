using Bench.Tests.Shared;

namespace Bench.Repro.Tests.Docs;

/// <summary>
/// Issue 14, section 6: the README keeps the user's guide and links the statistics manual, the measurement rules and
/// the architecture notes in <c>docs/</c>, and the cards under <c>src/</c> link into them. A link broken by a later move
/// fails here, naming the file, line and link.
/// </summary>
public sealed class MarkdownLinkTests : TempFolderTests
{
    [Fact]
    public void Every_relative_link_in_the_README_docs_and_cards_resolves()
    {
        var root = Bench.Harness.RepositoryRoot.Find()!;
        var files = Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md")
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "src"), "*.md", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Prepend(Path.Combine(root, "README.md")).ToList();

        var broken = MarkdownLinkCheck.BrokenLinks(root, files);

        Assert.Contains(files, f => f.EndsWith("statistics.md", StringComparison.Ordinal));
        Assert.True(broken.Count == 0, "broken links:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void The_README_links_each_docs_page()
    {
        var root = Bench.Harness.RepositoryRoot.Find()!;
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));

        Assert.All(Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md"),
            page => Assert.Contains($"](docs/{Path.GetFileName(page)}", readme));
    }

    [Fact]
    public void A_missing_file_and_a_missing_anchor_are_reported_and_web_links_and_code_are_not()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "docs"));
        File.WriteAllText(Path.Combine(Folder, "docs", "stats.md"), "# Stats\n\n## The `MDS` (minimum detectable speedup)\n\n## Notes\n\n## Notes\n");
        var readme = Path.Combine(Folder, "README.md");
        File.WriteAllText(readme, string.Join('\n',
            "# Title",
            "[ok](docs/stats.md#the-mds-minimum-detectable-speedup) [ok](docs/stats.md#notes-1) [ok](#title) [ok](docs/)",
            "[web](https://example.org/none) [mail](mailto:a@b.c) `[code](nowhere.md)`",
            "```",
            "[fenced](nowhere.md)",
            "```",
            "[gone](docs/moved.md) [stale](docs/stats.md#judging-results) [self](#no-such-section)"));

        Assert.Equal(
        [
            "README.md:7: (docs/moved.md) no such file or folder",
            "README.md:7: (docs/stats.md#judging-results) no heading with this anchor",
            "README.md:7: (#no-such-section) no heading with this anchor",
        ], MarkdownLinkCheck.BrokenLinks(Folder, [readme]));
    }
}
