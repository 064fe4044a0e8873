using Bench.Submissions.Meco;

namespace Bench.Submissions.Tests.Meco;

/// <summary>The speaker index on hand-made play texts: who speaks at each offset, verse ending in ':', text before any speech.</summary>
public class SpeakerIndexTests
{
    // Offsets: "First Citizen:\n" 0-14, "Before we proceed, hear me:\n" 15-42 (verse ending in ':'), "Speak.\n" 43-49,
    // "\n" 50, "All:\n" 51-55, "Speak, speak.\n" 56-69.
    const string TwoSpeeches = "First Citizen:\nBefore we proceed, hear me:\nSpeak.\n\nAll:\nSpeak, speak.\n";

    [Theory]
    [InlineData(0, "First Citizen")]   // the name line belongs to its speech
    [InlineData(14, "First Citizen")]
    [InlineData(20, "First Citizen")]
    [InlineData(43, "First Citizen")]  // after a verse line ending in ':' the speaker is unchanged
    [InlineData(50, "First Citizen")]  // the empty line closes the first speech
    [InlineData(51, "All")]
    [InlineData(56, "All")]
    [InlineData(69, "All")]
    public void Each_offset_has_the_speaker_of_the_speech_it_lies_in(int offset, string speaker)
    {
        var index = SpeakerIndex.FromText(TwoSpeeches);

        Assert.Equal(speaker, index.SpeakerAt(offset));
        Assert.Equal(2, index.Speeches);
        Assert.Equal(["First Citizen", "All"], index.Speakers);
    }

    [Fact]
    public void Text_before_the_first_speech_has_no_speaker_and_a_colon_line_inside_a_speech_is_no_name()
    {
        const string text = "A PLAY\n\nROMEO:\nBut soft:\nWhat light:\n\nJULIET:\nAy me.\n";
        var index = SpeakerIndex.FromText(text);

        Assert.Null(index.SpeakerAt(0));
        Assert.Null(index.SpeakerAt(7));
        Assert.Equal("ROMEO", index.SpeakerAt(text.IndexOf("What", StringComparison.Ordinal)));
        Assert.Equal("JULIET", index.SpeakerAt(text.IndexOf("Ay", StringComparison.Ordinal)));
        Assert.Equal(["ROMEO", "JULIET"], index.Speakers);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(70)]
    [InlineData(1000)]
    public void An_offset_outside_the_indexed_text_is_refused(long offset)
    {
        var index = SpeakerIndex.FromText(TwoSpeeches);

        Assert.Equal(70, index.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.SpeakerAt(offset));
    }
}
