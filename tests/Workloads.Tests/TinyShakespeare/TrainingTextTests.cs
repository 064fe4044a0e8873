using System.Text;
using Bench.Contracts;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Workloads.Tests.TinyShakespeare;

/// <summary>What tinyshakespeare offers a method of its text: the training text as one sequence and its vocabulary.</summary>
public class TrainingTextTests
{
    [Fact]
    public void The_training_split_is_the_training_text_as_tokens_and_next_tokens_and_the_vocabulary_spells_it()
    {
        _ = TorchFixture.Cpu;
        var workload = WorkloadRegistry.Get("tinyshakespeare");
        using var run = workload.Open(new RunContext(workload.Scale("smoke"), 0, TorchFixture.Cpu, TestData.Root));
        var file = File.ReadAllText(Path.Combine(TestData.Root, "tinyshakespeare", "input.txt"), Encoding.UTF8);
        var train = file[..(int)(file.Length * 0.9)];

        var split = run.TrainingSplit!;
        var vocabulary = run.Vocabulary!;
        var inputs = split.Inputs.data<long>().ToArray();
        var targets = split.Targets.data<long>().ToArray();

        Assert.Equal(65, vocabulary.Count);
        Assert.Equal(train[..^1], string.Concat(inputs.Select(t => vocabulary[(int)t])));
        Assert.Equal(train[1..], string.Concat(targets.Select(t => vocabulary[(int)t])));
        Assert.Same(split, run.TrainingSplit);
        Assert.Equal(new long[] { 32 }, run.InputShape);
    }
}
