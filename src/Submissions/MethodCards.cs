using Bench.Contracts;

namespace Bench.Submissions;

/// <summary>The README (method card) in each submission's folder, embedded so the tool can print it anywhere.</summary>
public static class MethodCards
{
    /// <summary>The card of <paramref name="submission"/>, or null when its folder has none.</summary>
    public static string? For(ISubmission submission) => Read(submission, "README.md");

    /// <summary>
    /// The tuning search space of <paramref name="submission"/> for <paramref name="workloadId"/>: the folder's
    /// <c>tuning_search_space.&lt;workload&gt;.json</c> when there is one, else its <c>tuning_search_space.json</c>; null when neither.
    /// </summary>
    public static (string Name, string Json)? SearchSpace(ISubmission submission, string workloadId)
    {
        foreach (var name in new[] { $"tuning_search_space.{workloadId}.json", "tuning_search_space.json" })
            if (Read(submission, name) is { } json) return ($"src/Submissions/{Folder(submission)}/{name}", json);
        return null;
    }

    static string? Folder(ISubmission submission) => submission.GetType().Namespace?.Split('.').Last();

    static string? Read(ISubmission submission, string file)
    {
        using var stream = typeof(MethodCards).Assembly.GetManifestResourceStream($"Bench.Submissions.{Folder(submission)}/{file}");
        return stream is null ? null : new StreamReader(stream).ReadToEnd();
    }
}
