using System.Text.RegularExpressions;

namespace Bench.Repro.Tests.Docs;

/// <summary>
/// Finds the relative links of Markdown files that point nowhere: a target file or folder that does not exist, or an
/// anchor (<c>file.md#section</c>, <c>#section</c>) that no heading of the target file produces. Web links are skipped.
/// Text moves between the README and <c>docs/</c>; this is what keeps the links that point at it honest.
/// </summary>
public static partial class MarkdownLinkCheck
{
    /// <summary>One line per broken link: the file (relative to <paramref name="root"/>), its line and the link.</summary>
    public static IReadOnlyList<string> BrokenLinks(string root, IEnumerable<string> markdownFiles)
    {
        var broken = new List<string>();
        foreach (var file in markdownFiles)
        {
            var lines = File.ReadAllLines(file);
            var inFence = false;
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal)) { inFence = !inFence; continue; }
                if (inFence) continue;
                foreach (Match link in Link().Matches(InlineCode().Replace(lines[i], "")))
                {
                    var target = link.Groups[1].Value;
                    if (Problem(file, target) is { } problem)
                        broken.Add($"{Path.GetRelativePath(root, file)}:{i + 1}: ({target}) {problem}");
                }
            }
        }
        return broken;
    }

    static string? Problem(string file, string target)
    {
        if (Web().IsMatch(target)) return null;
        var hash = target.IndexOf('#');
        var path = hash < 0 ? target : target[..hash];
        var anchor = hash < 0 ? null : target[(hash + 1)..];
        var resolved = path.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Uri.UnescapeDataString(path)));
        if (!File.Exists(resolved) && !Directory.Exists(resolved)) return "no such file or folder";
        if (anchor is null || !resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase)) return null;
        return Anchors(resolved).Contains(anchor) ? null : "no heading with this anchor";
    }

    /// <summary>The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as dashes, repeats numbered.</summary>
    public static HashSet<string> Anchors(string markdownFile)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inFence = false;
        foreach (var line in File.ReadLines(markdownFile))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) { inFence = !inFence; continue; }
            if (inFence || Heading().Match(line) is not { Success: true } heading) continue;
            var slug = NotInSlug().Replace(heading.Groups[1].Value.Trim().ToLowerInvariant(), "").Replace(' ', '-');
            var unique = slug;
            for (var n = 1; !anchors.Add(unique); n++) unique = $"{slug}-{n}";
        }
        return anchors;
    }

    [GeneratedRegex(@"\]\(([^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase)]
    private static partial Regex Web();

    [GeneratedRegex(@"^#{1,6}\s+(.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{N}\p{Mn}\p{Pc} -]")]
    private static partial Regex NotInSlug();
}
