using System.Text;
using System.Text.RegularExpressions;
using Bench.Contracts;
using Bench.Submissions.Meco;
using Bench.Submissions.Tests.Common;
using Bench.Tests.Shared;
using Bench.Workloads;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Meco;

/// <summary>
/// Golden tests of meco on smoke-scale tinyshakespeare (context 32): tagged windows against the speakers read
/// independently from the file, the cooldown's untouched windows, the index's extent (training text only), the loss
/// leaving out the tag, bad input.
/// </summary>
public class MecoSubmissionTests
{
    static readonly string File = System.IO.File.ReadAllText(Path.Combine(TestData.Root, "tinyshakespeare", "input.txt"), Encoding.UTF8);

    /// <summary>The training text (nanoGPT's first 90%), as the workload splits it.</summary>
    static string TrainingText => File[..(int)(File.Length * 0.9)];

    /// <summary>The speaker at <paramref name="offset"/> by a search of its own: the last "NAME:" line after a blank line at or before it.</summary>
    static string ExpectedSpeaker(long offset)
    {
        var heads = Regex.Matches(TrainingText, @"(?<=^|\n\n)([^\n]+):\n").Where(m => m.Index <= offset);
        return heads.Last().Groups[1].Value;
    }

    static string Decode(SmokeCharGpt smoke, IEnumerable<long> tokens) =>
        string.Concat(tokens.Select(t => t < 0 ? "#" : smoke.Run.Vocabulary![(int)t]));

    [Fact]
    public void Before_the_cooldown_each_window_is_its_speakers_name_and_a_blank_line_then_its_own_text_with_the_tag_targets_ignored()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(31);
        using var method = smoke.Create(new MecoSubmission(), null);
        var batch = smoke.Run.TrainBatches(3).Next(16);

        var tagged = method.TransformBatch(batch, new TrainingState { StepHint = 100, Step = 89 });

        Assert.Equal(batch.Inputs.shape, tagged.Inputs.shape);
        Assert.Equal(batch.ExampleIds, tagged.ExampleIds);
        for (var row = 0; row < 16; row++)
        {
            var start = (int)batch.ExampleIds![row];
            var tag = ExpectedSpeaker(start) + "\n\n";
            var window = TrainingText.Substring(start, 32 - tag.Length + 1);
            Assert.Equal(tag + window[..^1], Decode(smoke, tagged.Inputs[row].data<long>().ToArray()));
            Assert.Equal(new string('#', tag.Length - 1) + window, Decode(smoke, tagged.Targets[row].data<long>().ToArray()));
        }
    }

    [Fact]
    public void In_the_cooldown_the_windows_are_the_workloads_untouched()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(32);
        using var method = smoke.Create(new MecoSubmission(), null);
        var batch = smoke.Run.TrainBatches(4).Next(16);

        // A budget of 100 steps at the default cooldown_fraction 0.1: steps 90-99 are plain.
        var plain = method.TransformBatch(batch, new TrainingState { StepHint = 100, Step = 90 });

        Assert.True(plain.Inputs.eq(batch.Inputs).all().item<bool>());
        Assert.True(plain.Targets.eq(batch.Targets).all().item<bool>());
        Assert.Equal(90, MecoSubmission.CooldownFrom(100, 0.1));
        Assert.Equal(1350, MecoSubmission.CooldownFrom(1500, 0.1));
    }

    [Fact]
    public void The_speaker_index_covers_the_training_text_and_nothing_of_the_validation_text()
    {
        _ = TorchFixture.Cpu;
        using var smoke = new SmokeCharGpt(33);

        var index = MecoSubmission.SpeakersOf(new WorkloadAccess(smoke.Run, 0));

        Assert.Equal(TrainingText.Length, index.Length);
        Assert.Equal(ExpectedSpeaker(TrainingText.Length - 1), index.SpeakerAt(TrainingText.Length - 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.SpeakerAt(TrainingText.Length));
        // Speakers who speak only in the validation text (the tail of the file) are unknown to it.
        var validationOnly = Regex.Matches(File[TrainingText.Length..], @"(?<=\n\n)([^\n]+):\n").Select(m => m.Groups[1].Value)
            .Except(Regex.Matches(TrainingText, @"(?<=^|\n\n)([^\n]+):\n").Select(m => m.Groups[1].Value)).ToList();
        Assert.NotEmpty(validationOnly);
        Assert.Empty(validationOnly.Intersect(index.Speakers));
    }

    [Fact]
    public void The_workloads_loss_on_a_tagged_batch_is_the_mean_over_the_text_targets_only()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(34);
        using var method = smoke.Create(new MecoSubmission(), null);
        var tagged = method.TransformBatch(smoke.Run.TrainBatches(5).Next(8), new TrainingState { StepHint = 100, Step = 0 });

        var loss = smoke.Run.Loss(smoke.Model, tagged).item<float>();

        var logits = ((Bench.Workloads.TinyShakespeare.CharGpt)smoke.Model).forward(tagged.Inputs).flatten(0, 1);
        var targets = tagged.Targets.flatten();
        var kept = targets.ge(0);
        var logProbabilities = nn.functional.log_softmax(logits[kept], 1);
        var expected = -logProbabilities.gather(1, targets[kept].unsqueeze(1)).mean().item<float>();
        Assert.True(kept.logical_not().any().item<bool>());
        Assert.Equal(expected, loss, 4);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("-0.1")]
    public void A_cooldown_fraction_out_of_range_is_a_config_error_naming_it(string value)
    {
        var defaults = new MecoSubmission().DefaultHyperparameters(WorkloadRegistry.Get("tinyshakespeare"), "smoke");
        var resolved = Assert.Throws<ConfigException>(() =>
            Hyperparameters.Resolve(defaults, new Dictionary<string, string> { ["cooldown_fraction"] = value }, "meco"));
        Assert.Contains("cooldown_fraction must be in [0, 1)", resolved.Message);

        _ = TorchFixture.Cpu;
        using var smoke = new SmokeCharGpt(35);
        var number = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var direct = Assert.Throws<ConfigException>(() => smoke.Create(new MecoSubmission(), new MecoHyperparameters(number)));
        Assert.Contains("cooldown_fraction must be in [0, 1)", direct.Message);
    }

    [Fact]
    public void A_workload_without_a_training_text_is_a_config_error_naming_tinyshakespeare()
    {
        _ = TorchFixture.Cpu;
        var workload = WorkloadRegistry.Get("cifar10");
        using var run = workload.Open(new RunContext(workload.Scale("smoke"), 0, TorchFixture.Cpu, TestData.Root));
        using var model = run.CreateModel();
        var setup = new TrainingSetup("cifar10", workload.Scale("smoke"), workload.Baseline("smoke"), model, TorchFixture.Cpu, new WorkloadAccess(run, 0));

        var error = Assert.Throws<ConfigException>(() => new MecoSubmission().Create(setup));

        Assert.Contains("tinyshakespeare", error.Message);
    }

    [Fact]
    public void The_default_cooldown_is_the_papers_last_10_percent()
    {
        var h = Assert.IsType<MecoHyperparameters>(new MecoSubmission().DefaultHyperparameters(WorkloadRegistry.Get("tinyshakespeare"), "cpu"));
        Assert.Equal(0.1, h.CooldownFraction);
    }
}
