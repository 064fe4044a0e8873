using System.Text.RegularExpressions;

namespace Bench.Repro.Tests.Repository;

/// <summary>
/// The line rules of the C# sources: no line wider than the <c>max_line_length</c> that <c>.editorconfig</c> states for
/// C#, and no run of two or more blank lines. Editors only show the width; this is what keeps the code within it.
/// </summary>
public static partial class SourceLineCheck
{
    /// <summary>The <c>max_line_length</c> of the <c>.editorconfig</c> section that covers <c>*.cs</c> files, or null.</summary>
    public static int? CSharpLineWidth(string editorconfigText)
    {
        int? width = null;
        var inCSharp = false;
        foreach (var raw in editorconfigText.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                inCSharp = Section().Match(line) is { Success: true } section
                           && section.Groups[1].Value.Split(',').Any(e => e.Trim() == "cs");
                continue;
            }
            if (inCSharp && Setting().Match(line) is { Success: true } setting) width = int.Parse(setting.Groups[1].Value);
        }
        return width;
    }

    /// <summary>One line per offence: the file (relative to <paramref name="root"/>), its line and what is wrong.</summary>
    public static IReadOnlyList<string> Offences(string root, IEnumerable<string> files, int width)
    {
        var offences = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            var name = Path.GetRelativePath(root, file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length > width) offences.Add($"{name}:{i + 1}: {lines[i].Length} characters, over {width}");
                if (i > 0 && string.IsNullOrWhiteSpace(lines[i]) && string.IsNullOrWhiteSpace(lines[i - 1]))
                    offences.Add($"{name}:{i + 1}: a second blank line in a row");
            }
        }
        return offences;
    }

    /// <summary>A section header for files by extension: <c>[*.cs]</c> or <c>[*.{cs,cake}]</c>.</summary>
    [GeneratedRegex(@"^\[\*\.\{?([A-Za-z0-9_,\s]+)\}?\]$")]
    private static partial Regex Section();

    [GeneratedRegex(@"^max_line_length\s*=\s*(\d+)\s*$")]
    private static partial Regex Setting();
}
