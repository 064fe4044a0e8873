using System.Text;
using System.Text.RegularExpressions;
using Bench.Contracts;
using Bench.Submissions.BeyondUrlsMetadata;
using Bench.Submissions.Meco;
using Bench.Submissions.Tests.Common;
using Bench.Tests.Shared;
using Bench.Workloads;
using static Bench.Submissions.Tests.Meco.TwoSpeeches;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.BeyondUrlsMetadata;

/// <summary>
/// Golden tests of appended metadata: on a hand-made text (the window's own text, then a blank line and the speaker's name
/// as targets, the blank line ignored), on smoke-scale tinyshakespeare against speakers read independently from the
/// file, the cooldown's untouched windows, and bad input.
/// </summary>
public class BeyondUrlsMetadataTests
{
    [Fact]
    public void An_appended_window_is_its_own_text_then_a_blank_line_and_its_speakers_name_to_predict()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var suffix = new MetadataSuffix(SpeakerIndex.FromText(Text), Vocabulary);
        const int context = 8;
        var start = Text.IndexOf("xyz", StringComparison.Ordinal) + 1;     // inside A's speech
        var bStart = Text.IndexOf("uvw", StringComparison.Ordinal);         // inside BB's speech

        var tagged = suffix.Append(Windows(context, start, bStart, 1));

        const long ignored = MetadataPrefix.IgnoredTarget;
        // Row 0: the 9 tokens are 6 of text then "\n\nA"; inputs the first 8, targets the last 8 with the blank line ignored.
        Assert.Equal(Encode(Text.Substring(start, 6) + "\n\n"), tagged.Inputs[0].data<long>().ToArray());
        Assert.Equal([.. Encode(Text.Substring(start + 1, 5)), ignored, ignored, .. Encode("A")], tagged.Targets[0].data<long>().ToArray());
        // Row 1: 5 of text then "\n\nBB".
        Assert.Equal(Encode(Text.Substring(bStart, 5) + "\n\nB"), tagged.Inputs[1].data<long>().ToArray());
        Assert.Equal([.. Encode(Text.Substring(bStart + 1, 4)), ignored, ignored, .. Encode("BB")], tagged.Targets[1].data<long>().ToArray());
        // Row 2 starts before the first speech: untouched.
        Assert.Equal(Encode(Text.Substring(1, 8)), tagged.Inputs[2].data<long>().ToArray());
        Assert.Equal(Encode(Text.Substring(2, 8)), tagged.Targets[2].data<long>().ToArray());
        Assert.Equal(new long[] { start, bStart, 1 }, tagged.ExampleIds);
        Assert.Equal(4, suffix.LongestTag);
    }

    static readonly string File = System.IO.File.ReadAllText(Path.Combine(TestData.Root, "tinyshakespeare", "input.txt"), Encoding.UTF8);

    static string TrainingText => File[..(int)(File.Length * 0.9)];

    static string ExpectedSpeaker(long offset) =>
        Regex.Matches(TrainingText, @"(?<=^|\n\n)([^\n]+):\n").Where(m => m.Index <= offset).Last().Groups[1].Value;

    static string Decode(SmokeCharGpt smoke, IEnumerable<long> tokens) =>
        string.Concat(tokens.Select(t => t < 0 ? "#" : smoke.Run.Vocabulary![(int)t]));

    [Fact]
    public void Before_the_cooldown_real_windows_end_with_their_speakers_name_and_in_it_they_are_untouched()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(41);
        using var method = smoke.Create(new BeyondUrlsMetadataSubmission(), null);
        var batch = smoke.Run.TrainBatches(5).Next(16);

        var tagged = method.TransformBatch(batch, new TrainingState { StepHint = 100, Step = 89 });
        var plain = method.TransformBatch(batch, new TrainingState { StepHint = 100, Step = 90 });

        for (var row = 0; row < 16; row++)
        {
            var start = (int)batch.ExampleIds![row];
            var tag = "\n\n" + ExpectedSpeaker(start);
            var text = TrainingText.Substring(start, 33 - tag.Length);
            Assert.Equal((text + tag)[..32], Decode(smoke, tagged.Inputs[row].data<long>().ToArray()));
            Assert.Equal(text[1..] + "##" + tag[2..], Decode(smoke, tagged.Targets[row].data<long>().ToArray()));
        }
        Assert.True(plain.Inputs.eq(batch.Inputs).all().item<bool>());
        Assert.True(plain.Targets.eq(batch.Targets).all().item<bool>());
    }

    [Theory]
    [InlineData("1")]
    [InlineData("-0.1")]
    public void A_cooldown_fraction_out_of_range_is_a_config_error_naming_it(string value)
    {
        var defaults = new BeyondUrlsMetadataSubmission().DefaultHyperparameters(WorkloadRegistry.Get("tinyshakespeare"), "smoke");
        var error = Assert.Throws<ConfigException>(() =>
            Hyperparameters.Resolve(defaults, new Dictionary<string, string> { ["cooldown_fraction"] = value }, "beyond-urls-metadata"));
        Assert.Contains("cooldown_fraction must be in [0, 1)", error.Message);
    }

    [Fact]
    public void A_workload_without_a_training_text_is_a_config_error_naming_the_submission_and_tinyshakespeare()
    {
        _ = TorchFixture.Cpu;
        var workload = WorkloadRegistry.Get("cifar10");
        using var run = workload.Open(new RunContext(workload.Scale("smoke"), 0, TorchFixture.Cpu, TestData.Root));
        using var model = run.CreateModel();
        var setup = new TrainingSetup("cifar10", workload.Scale("smoke"), workload.Baseline("smoke"), model, TorchFixture.Cpu, new WorkloadAccess(run, 0));

        var error = Assert.Throws<ConfigException>(() => new BeyondUrlsMetadataSubmission().Create(setup));

        Assert.Contains("beyond-urls-metadata", error.Message);
        Assert.Contains("tinyshakespeare", error.Message);
    }
}
