namespace Bench.Submissions.Meco;

/// <summary>
/// Who speaks at each offset of a play text: a speech starts with its speaker's name on a line of its own that ends in
/// ':' and opens the text or follows an empty line (Tiny Shakespeare's "First Citizen:"); every offset from that line up
/// to the next such line belongs to that speaker. Verse lines that end in ':' inside a speech never follow an empty
/// line, so they are not taken for names. Built once from the training text alone: it covers exactly the offsets of
/// that text and refuses any other (an offset past it would be evaluation text).
/// </summary>
public sealed class SpeakerIndex
{
    readonly int[] starts;
    readonly string[] speakers;

    SpeakerIndex(int length, int[] starts, string[] speakers)
    {
        Length = length;
        this.starts = starts;
        this.speakers = speakers;
    }

    /// <summary>The number of offsets covered: the length of the text the index was built from.</summary>
    public int Length { get; }

    /// <summary>Every distinct speaker, in order of first appearance.</summary>
    public IReadOnlyList<string> Speakers => speakers.Distinct().ToArray();

    /// <summary>The number of speeches found.</summary>
    public int Speeches => starts.Length;

    /// <summary>Finds every speech of <paramref name="text"/> (see the class remarks).</summary>
    public static SpeakerIndex FromText(string text)
    {
        var starts = new List<int>();
        var speakers = new List<string>();
        var lineStart = 0;
        var previousEmpty = true; // the text's first line opens a speech as a line after an empty one does
        while (lineStart < text.Length)
        {
            var end = text.IndexOf('\n', lineStart);
            if (end < 0) end = text.Length;
            var length = end - lineStart;
            if (previousEmpty && length > 1 && text[end - 1] == ':')
            {
                starts.Add(lineStart);
                speakers.Add(text.Substring(lineStart, length - 1));
            }
            previousEmpty = length == 0;
            lineStart = end + 1;
        }
        return new SpeakerIndex(text.Length, [.. starts], [.. speakers]);
    }

    /// <summary>
    /// The speaker of the speech that <paramref name="offset"/> lies in (its name line included); null before the first
    /// speech. An offset outside the indexed text is an error: the index never answers for text it was not built from.
    /// </summary>
    public string? SpeakerAt(long offset)
    {
        if (offset < 0 || offset >= Length)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"the speaker index covers offsets 0 to {Length - 1} of the training text only");
        var found = Array.BinarySearch(starts, (int)offset);
        var speech = found >= 0 ? found : ~found - 1;
        return speech < 0 ? null : speakers[speech];
    }
}
