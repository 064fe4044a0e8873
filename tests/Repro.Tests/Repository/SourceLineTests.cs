using Bench.Tests.Shared;

namespace Bench.Repro.Tests.Repository;

/// <summary>
/// Issue 14, section 6: every C# file under <c>src/</c> and <c>tests/</c> keeps to the line width <c>.editorconfig</c>
/// states and has no runs of blank lines. A line that grows past it fails here, naming the file and line.
/// </summary>
public sealed class SourceLineTests : TempFolderTests
{
    [Fact]
    public void Every_CSharp_line_is_within_the_editorconfig_width_and_no_blank_lines_run()
    {
        var root = Bench.Harness.RepositoryRoot.Find()!;
        var width = SourceLineCheck.CSharpLineWidth(File.ReadAllText(Path.Combine(root, ".editorconfig")));
        Assert.True(width is not null, ".editorconfig states no max_line_length for *.cs files");
        var separator = Path.DirectorySeparatorChar;
        var files = new[] { "src", "tests" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{separator}bin{separator}") && !f.Contains($"{separator}obj{separator}"))
            .Order(StringComparer.Ordinal).ToList();

        var offences = SourceLineCheck.Offences(root, files, width!.Value);

        Assert.Contains(files, f => f.EndsWith("SourceLineTests.cs", StringComparison.Ordinal));
        Assert.True(offences.Count == 0, $"{offences.Count} lines break the rules (wrap long strings with +):\n" + string.Join('\n', offences));
    }

    [Fact]
    public void The_width_comes_from_the_CSharp_section_of_editorconfig()
    {
        var text = "root = true\n[*]\nmax_line_length = 80\n[*.md]\nmax_line_length = 100\n[*.{cs,cake}]\nindent_size = 4\nmax_line_length = 120\n";

        Assert.Equal(120, SourceLineCheck.CSharpLineWidth(text));
        Assert.Equal(90, SourceLineCheck.CSharpLineWidth("[*.cs]\nmax_line_length = 90"));
        Assert.Null(SourceLineCheck.CSharpLineWidth("[*]\nmax_line_length = 80\n[*.md]\nmax_line_length = 100\n"));
    }

    [Fact]
    public void A_long_line_and_a_second_blank_line_are_reported_with_file_and_line()
    {
        var file = Path.Combine(Folder, "Sample.cs");
        File.WriteAllText(file, string.Join('\n', "class Sample", "{", "", "    int x;", "", "", "   ", "    string s = \"" + new string('a', 3) + "\";", "}"));

        Assert.Equal(
        [
            "Sample.cs:6: a second blank line in a row",
            "Sample.cs:7: a second blank line in a row",
            "Sample.cs:8: 21 characters, over 20",
        ], SourceLineCheck.Offences(Folder, [file], 20));
    }
}
