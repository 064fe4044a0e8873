using Bench.Contracts;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// Text written in a character-level workload's tokens (one character a token, as <see cref="WorkloadAccess.Vocabulary"/>
/// gives them): for methods that add text of their own to windows, such as metadata tags.
/// </summary>
public sealed class CharacterTokens
{
    readonly Dictionary<char, long> ids = [];
    readonly string method;

    /// <summary>The tokens of <paramref name="vocabulary"/>; <paramref name="method"/> names the submission in errors.</summary>
    public CharacterTokens(IReadOnlyList<string> vocabulary, string method)
    {
        this.method = method;
        for (var i = 0; i < vocabulary.Count; i++)
        {
            if (vocabulary[i].Length != 1)
                throw new ConfigException($"{method} writes text in a character vocabulary; token {i} is \"{vocabulary[i]}\". " +
                    "Use --workload tinyshakespeare.");
            ids[vocabulary[i][0]] = i;
        }
    }

    /// <summary>The token ids of <paramref name="text"/>; a character the vocabulary lacks is a configuration error.</summary>
    public long[] Encode(string text) => [.. text.Select(c => ids.TryGetValue(c, out var id) ? id
        : throw new ConfigException($"{method}'s text \"{text}\" has the character '{c}', which the workload's vocabulary lacks"))];
}
