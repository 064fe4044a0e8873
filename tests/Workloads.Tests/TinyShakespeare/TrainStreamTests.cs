using Bench.Contracts;
using Bench.Tests.Shared;
using Bench.Workloads.TinyShakespeare;
using TorchSharp;

namespace Bench.Workloads.Tests.TinyShakespeare;

/// <summary>The real workload cuts its training text as <see cref="TrainStream"/> says: training and held-out windows come from their own parts.</summary>
public class TrainStreamTests
{
    static string Decode(CharCorpus corpus, torch.Tensor row) => string.Concat(row.data<long>().Select(t => corpus.Vocabulary[t]));

    [Fact]
    public void Training_windows_come_from_the_first_part_and_held_out_windows_from_the_tail()
    {
        _ = TorchFixture.Cpu;
        var workload = new TinyShakespeareWorkload();
        var corpus = CharCorpus.Read(Path.Combine(TestData.Root, "tinyshakespeare", "input.txt"));
        var trainText = string.Concat(corpus.Train.Select(t => corpus.Vocabulary[t]));
        var split = new TrainStream(Fraction: 0.1, HeldOutFraction: 0.05);
        var (train, heldOut) = split.Cut(trainText.Length);
        var first = trainText[train];
        var tail = trainText[heldOut];

        using var run = workload.Open(new RunContext(workload.Scale("smoke"), 0, TorchFixture.Cpu, TestData.Root));
        using var scope = torch.NewDisposeScope();
        var trainBatch = run.TrainBatches(0, split).Next(16);
        var heldOutBatch = run.HeldOutBatches(0, split).Next(16);
        for (var i = 0; i < 16; i++)
        {
            Assert.Contains(Decode(corpus, trainBatch.Inputs[i]), first);
            Assert.Contains(Decode(corpus, heldOutBatch.Inputs[i]), tail);
            // Ids are start offsets in the whole training text, the held-out tail's included.
            var context = (int)trainBatch.Inputs.shape[1];
            foreach (var (batch, part) in new[] { (trainBatch, train), (heldOutBatch, heldOut) })
            {
                var start = (int)batch.ExampleIds![i];
                Assert.InRange(start, part.Start.GetOffset(trainText.Length), part.End.GetOffset(trainText.Length) - context - 1);
                Assert.Equal(trainText.Substring(start, context), Decode(corpus, batch.Inputs[i]));
            }
        }
        // The whole split is the default stream, unchanged.
        var all = run.TrainBatches(3, TrainStream.All).Next(4);
        var plain = run.TrainBatches(3).Next(4);
        Assert.True(all.Inputs.eq(plain.Inputs).all().item<bool>());
    }

    [Fact]
    public void Dropout_acts_only_in_training_mode_and_zero_leaves_the_model_deterministic()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(1);
        using var model = new CharGpt(vocabulary: 10, context: 8, width: 16, layers: 2, heads: 2);
        var input = torch.randint(0, 10, [2, 8]);
        model.train();
        var a = model.forward(input);
        Assert.True(a.allclose(model.forward(input), rtol: 0, atol: 0), "dropout 0 must not draw random numbers");

        model.Dropout = 0.3;
        Assert.False(model.forward(input).allclose(model.forward(input), rtol: 0, atol: 0), "dropout 0.3 in training mode should differ call to call");
        model.eval();
        Assert.True(model.forward(input).allclose(a, rtol: 1e-5, atol: 1e-6), "evaluation mode ignores dropout");
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Dropout = 1.0);
    }
}
