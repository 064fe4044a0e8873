using Bench.Contracts;
using Bench.Submissions.Meco;
using Bench.Tests.Shared;
using static Bench.Submissions.Tests.Meco.TwoSpeeches;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Meco;

/// <summary>Tagging windows of a hand-made text: the tag, the window's own text after it, the ignored targets, untagged text.</summary>
public class MetadataPrefixTests
{
    [Fact]
    public void A_tagged_window_starts_with_its_speakers_tag_continues_with_its_own_text_and_ignores_the_tag_targets()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var prefix = new MetadataPrefix(SpeakerIndex.FromText(Text), Vocabulary);
        const int context = 8;
        var start = Text.IndexOf("xyz", StringComparison.Ordinal) + 1;     // inside A's speech: "yzxyz\n\nB"
        var bStart = Text.IndexOf("uvw", StringComparison.Ordinal);         // inside BB's speech

        var tagged = prefix.Tag(Windows(context, start, bStart));

        const long ignored = MetadataPrefix.IgnoredTarget;
        // Row 0: tag "A\n\n" (3), then the window's first 5 characters; targets: 2 ignored, then its first 6 characters.
        Assert.Equal(Encode("A\n\n" + Text.Substring(start, 5)), tagged.Inputs[0].data<long>().ToArray());
        Assert.Equal([ignored, ignored, .. Encode(Text.Substring(start, 6))], tagged.Targets[0].data<long>().ToArray());
        // Row 1: tag "BB\n\n" (4), then 4 characters; targets: 3 ignored, then 5 characters.
        Assert.Equal(Encode("BB\n\n" + Text.Substring(bStart, 4)), tagged.Inputs[1].data<long>().ToArray());
        Assert.Equal([ignored, ignored, ignored, .. Encode(Text.Substring(bStart, 5))], tagged.Targets[1].data<long>().ToArray());
        Assert.Equal(new long[] { start, bStart }, tagged.ExampleIds);
        Assert.Equal(4, prefix.LongestTag);
    }

    [Fact]
    public void A_window_before_the_first_speech_is_left_as_it_is()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var prefix = new MetadataPrefix(SpeakerIndex.FromText(Text), Vocabulary);
        var plain = Windows(6, 1);

        var tagged = prefix.Tag(plain);

        Assert.Equal(plain.Inputs.data<long>().ToArray(), tagged.Inputs.data<long>().ToArray());
        Assert.Equal(plain.Targets.data<long>().ToArray(), tagged.Targets.data<long>().ToArray());
    }

    [Fact]
    public void A_window_from_past_the_indexed_text_is_refused()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var prefix = new MetadataPrefix(SpeakerIndex.FromText(Text[..10]), Vocabulary);

        Assert.Throws<ArgumentOutOfRangeException>(() => prefix.Tag(Windows(6, 12)));
    }
}
