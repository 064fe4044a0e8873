using Bench.Harness.Contracts;

namespace Bench.Submissions;

/// <summary>The README (method card) in each submission's folder, embedded so the tool can print it anywhere.</summary>
public static class MethodCards
{
    /// <summary>The card of <paramref name="submission"/>, or null when its folder has none.</summary>
    public static string? For(ISubmission submission)
    {
        var folder = submission.GetType().Namespace?.Split('.').Last();
        using var stream = typeof(MethodCards).Assembly.GetManifestResourceStream($"Bench.Submissions.{folder}/README.md");
        return stream is null ? null : new StreamReader(stream).ReadToEnd();
    }
}
