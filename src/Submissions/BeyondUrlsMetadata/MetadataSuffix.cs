using Bench.Contracts;
using Bench.Submissions.Mechanisms;
using Bench.Submissions.Meco;
using static TorchSharp.torch;

namespace Bench.Submissions.BeyondUrlsMetadata;

/// <summary>
/// Metadata appended as an auxiliary prediction target ("Beyond URLs", arXiv 2511.21613: metadata after the document,
/// predicted by the model, as its abstract describes) for windows of a character text. The tag is a blank line then the speaker's name ("\n\nROMEO",
/// the reverse of MeCo's "ROMEO\n\n") of the speech the window starts in; it replaces the window's last characters, so
/// the window keeps the workload's length. Of the <c>context + 1</c> tokens the window spans, the first
/// <c>context + 1 - L</c> are its own text and the last <c>L</c> the tag: the model reads the text, then is trained to
/// predict the name (the auxiliary task). The targets that are the blank line are ignored (a separator, not metadata).
/// </summary>
public sealed class MetadataSuffix
{
    /// <summary>What separates the text from the appended name: a blank line, as in <see cref="MetadataPrefix"/>.</summary>
    public const string Separator = MetadataPrefix.Separator;

    readonly SpeakerIndex index;
    readonly Dictionary<string, long[]> tags = [];

    /// <summary>Tags from <paramref name="index"/>, written in the tokens of <paramref name="vocabulary"/> (one character each).</summary>
    public MetadataSuffix(SpeakerIndex index, IReadOnlyList<string> vocabulary)
    {
        this.index = index;
        var tokens = new CharacterTokens(vocabulary, "beyond-urls-metadata");
        foreach (var speaker in index.Speakers) tags[speaker] = tokens.Encode(Separator + speaker);
        LongestTag = tags.Count == 0 ? 0 : tags.Values.Max(t => t.Length);
    }

    /// <summary>The longest tag, in tokens: a window must be longer to keep any of its text.</summary>
    public int LongestTag { get; }

    /// <summary>
    /// <paramref name="batch"/> with each window's tag appended (see the class remarks), on the batch's device, its example
    /// ids kept; a window that starts before the first speech stays as it is. The batch must give its windows' start
    /// offsets (<see cref="Batch.ExampleIds"/>).
    /// </summary>
    public Batch Append(Batch batch)
    {
        var offsets = batch.ExampleIds
            ?? throw new InvalidOperationException("beyond-urls-metadata tags windows by their start offsets, and this batch does not give them");
        var rows = batch.Size;
        var context = (int)batch.Inputs.shape[1];
        var inputs = batch.Inputs.cpu().data<long>().ToArray();
        var targets = batch.Targets.cpu().data<long>().ToArray();
        var outInputs = new long[rows * context];
        var outTargets = new long[rows * context];
        var sequence = new long[context + 1];
        for (var row = 0; row < rows; row++)
        {
            var first = row * context;
            var tag = index.SpeakerAt(offsets[row]) is { } speaker ? tags[speaker] : [];
            if (tag.Length >= context)
                throw new InvalidOperationException($"a tag of {tag.Length} tokens leaves no text in a window of {context}");
            // The window's context + 1 tokens: its inputs and the last target.
            Array.Copy(inputs, first, sequence, 0, context);
            sequence[context] = targets[first + context - 1];
            var text = context + 1 - tag.Length;
            Array.Copy(tag, 0, sequence, text, tag.Length);
            Array.Copy(sequence, 0, outInputs, first, context);
            Array.Copy(sequence, 1, outTargets, first, context);
            // Targets at positions text-1 .. text+separator-2 are the separator's tokens.
            if (tag.Length > 0) Array.Fill(outTargets, MetadataPrefix.IgnoredTarget, first + text - 1, Separator.Length);
        }
        var device = batch.Inputs.device;
        return new Batch(tensor(outInputs, [rows, context]).to(device), tensor(outTargets, [rows, context]).to(device)) { ExampleIds = offsets };
    }
}
