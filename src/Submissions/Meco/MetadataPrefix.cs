using Bench.Contracts;
using Bench.Submissions.Mechanisms;
using static TorchSharp.torch;

namespace Bench.Submissions.Meco;

/// <summary>
/// MeCo's metadata conditioning for windows of a character text: each window's tag (its speaker's name and a blank line,
/// "ROMEO\n\n", as MeCo's "URL: en.wikipedia.org\n\n" puts a blank line between metadata and text) replaces the window's
/// first characters, so the window keeps the workload's length: the input is the tag then the window's own text cut to
/// fit. The targets whose token is a tag character are <see cref="IgnoredTarget"/> (MeCo trains on no metadata token);
/// the target at the tag's last character is the window's first character, so the model learns the text given the tag.
/// </summary>
public sealed class MetadataPrefix
{
    /// <summary>The target cross-entropy leaves out: torch's default <c>ignore_index</c>, which the workload's loss keeps.</summary>
    public const long IgnoredTarget = -100;

    /// <summary>What separates the tag from the text: a blank line (names in the text end in ':', tags do not).</summary>
    public const string Separator = "\n\n";

    readonly SpeakerIndex index;
    readonly Dictionary<string, long[]> tags = [];

    /// <summary>Tags from <paramref name="index"/>, written in the tokens of <paramref name="vocabulary"/> (one character each).</summary>
    public MetadataPrefix(SpeakerIndex index, IReadOnlyList<string> vocabulary)
    {
        this.index = index;
        var tokens = new CharacterTokens(vocabulary, "meco");
        foreach (var speaker in index.Speakers) tags[speaker] = tokens.Encode(speaker + Separator);
        LongestTag = tags.Count == 0 ? 0 : tags.Values.Max(t => t.Length);
    }

    /// <summary>The longest tag, in tokens: a window must be longer to keep any of its text.</summary>
    public int LongestTag { get; }

    /// <summary>The tag of the window that starts at <paramref name="offset"/> of the training text; empty before the first speech.</summary>
    public long[] TagAt(long offset) => index.SpeakerAt(offset) is { } speaker ? tags[speaker] : [];

    /// <summary>
    /// <paramref name="batch"/> with each window tagged (see the class remarks), on the batch's device, its example ids
    /// kept. The batch must say its windows' start offsets (<see cref="Batch.ExampleIds"/>).
    /// </summary>
    public Batch Tag(Batch batch)
    {
        var offsets = batch.ExampleIds
            ?? throw new InvalidOperationException("meco tags windows by their start offsets, and this batch does not give its example ids");
        var rows = batch.Size;
        var context = (int)batch.Inputs.shape[1];
        var inputs = batch.Inputs.cpu().data<long>().ToArray();
        var targets = batch.Targets.cpu().data<long>().ToArray();
        var taggedInputs = new long[rows * context];
        var taggedTargets = new long[rows * context];
        for (var row = 0; row < rows; row++)
        {
            var tag = TagAt(offsets[row]);
            var first = row * context;
            if (tag.Length >= context)
                throw new InvalidOperationException($"a tag of {tag.Length} tokens leaves no text in a window of {context}");
            if (tag.Length == 0)
            {
                // No speaker yet (text before the first speech): the plain window.
                Array.Copy(inputs, first, taggedInputs, first, context);
                Array.Copy(targets, first, taggedTargets, first, context);
                continue;
            }
            // Inputs: the tag, then the window's first context - L characters. Targets: ignored while the next token is a
            // tag character (positions 0 .. L-2), then the window's first context - L + 1 characters.
            Array.Copy(tag, 0, taggedInputs, first, tag.Length);
            Array.Copy(inputs, first, taggedInputs, first + tag.Length, context - tag.Length);
            Array.Fill(taggedTargets, IgnoredTarget, first, tag.Length - 1);
            Array.Copy(inputs, first, taggedTargets, first + tag.Length - 1, context - tag.Length + 1);
        }
        var device = batch.Inputs.device;
        return new Batch(tensor(taggedInputs, [rows, context]).to(device), tensor(taggedTargets, [rows, context]).to(device))
            { ExampleIds = offsets };
    }
}
