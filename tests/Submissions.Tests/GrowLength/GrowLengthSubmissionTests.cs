using Bench.Contracts;
using Bench.Submissions.GrowLength;
using Bench.Submissions.Tests.Common;
using Bench.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.GrowLength;

/// <summary>
/// Golden tests of growlength on a smoke-scale char-GPT (2 blocks, width 64, context 32, 65 characters, budget 300 steps):
/// the stages' batches, the FLOPs by hand against the workload's dense count, the positions trained, bad input.
/// </summary>
public class GrowLengthSubmissionTests
{
    static TrainingState At(long step) => new() { StepHint = 300, Step = step };

    [Fact]
    public void Each_stage_cuts_the_32_full_windows_into_pieces_of_its_length_and_the_last_leaves_them_whole()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(11);
        using var method = smoke.Create(new GrowLengthSubmission(), null);
        var batches = smoke.Run.TrainBatches(0);

        Assert.Equal(32, method.BatchSize);
        // Budget 300: stages start at 0, round(37.5) = 38, 75, 150; lengths 4, 8, 16, 32.
        foreach (var (step, rows, length) in new (long, long, long)[]
                 { (0, 256, 4), (37, 256, 4), (38, 128, 8), (75, 64, 16), (149, 64, 16), (150, 32, 32), (299, 32, 32) })
        {
            var batch = batches.Next(method.BatchSize);
            var cut = method.TransformBatch(batch, At(step));
            Assert.Equal([rows, length], cut.Inputs.shape);
            Assert.True(cut.Inputs.reshape(32, 32).eq(batch.Inputs).all().item<bool>(), $"step {step}: tokens lost or moved");
            Assert.True(cut.Targets.reshape(32, 32).eq(batch.Targets).all().item<bool>(), $"step {step}: targets lost or moved");
        }
    }

    [Fact]
    public void Flops_per_example_are_the_hand_count_per_stage_and_the_workloads_dense_count_at_full_length()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(11);
        using var method = smoke.Create(new GrowLengthSubmission(), null);

        // Dense: per token each block 2 x 12 x 64² = 98,304 for its layers plus 4 x 32 x 64 = 8,192 for the attention
        // scores and weighted sums, the head 2 x 64 x 65 = 8,320: 221,312 a token, x 32 tokens x 3 = 21,245,952.
        Assert.Equal(21_245_952, smoke.Run.TrainFlopsPerExample);
        // Pieces of L tokens: attention 4 x L x 64 a token instead of 4 x 32 x 64, i.e. 256 (32 − L) less, x 2 blocks
        // x 32 tokens x 3 = 49,152 (32 − L) less a window. L = 4: 1,376,256 less; 8: 1,179,648; 16: 786,432; 32: none.
        var expected = new Dictionary<long, double> { [0] = 19_869_696, [38] = 20_066_304, [75] = 20_459_520, [150] = 21_245_952 };
        Assert.Equal(expected[0], method.FlopsPerExample); // priced before the first TransformBatch
        var batches = smoke.Run.TrainBatches(0);
        foreach (var (step, flops) in expected)
        {
            // The harness reads the price before TransformBatch: AfterStep of the step before sets it.
            method.AfterStep(At(step - 1));
            Assert.Equal(flops, method.FlopsPerExample);
            method.TransformBatch(batches.Next(32), At(step));
            Assert.Equal(flops, method.FlopsPerExample);
        }
        Assert.Equal(smoke.Run.TrainFlopsPerExample, GrowLengthSubmission.TrainFlopsPerExample(smoke.Run.TrainFlopsPerExample, 2, 64, 32, 32));
    }

    [Fact]
    public void The_cards_cpu_scale_figures_are_the_hand_count()
    {
        _ = TorchFixture.Cpu;
        var workload = Bench.Workloads.WorkloadRegistry.Get("tinyshakespeare");
        using var run = workload.Open(new RunContext(workload.Scale("cpu"), 0, TorchFixture.Cpu, TestData.Root));
        // 2 blocks, width 128, context 64: 868,608 a token x 64 x 3 dense; pieces of L save 196,608 (64 − L) a window.
        Assert.Equal(166_772_736, run.TrainFlopsPerExample);
        foreach (var (length, flops) in new[] { (8, 155_762_688.0), (16, 157_335_552.0), (32, 160_481_280.0), (64, 166_772_736.0) })
            Assert.Equal(flops, GrowLengthSubmission.TrainFlopsPerExample(run.TrainFlopsPerExample, 2, 128, 64, length));
    }

    [Fact]
    public void Short_pieces_train_every_row_of_the_position_table_at_their_place_in_the_window()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(11);
        using var method = smoke.Create(new GrowLengthSubmission(), null);
        var table = smoke.Model.named_parameters().Single(p => p.name == "positions.weight").parameter;
        smoke.Model.train();

        var cut = method.TransformBatch(smoke.Run.TrainBatches(0).Next(32), At(0)); // pieces of 4 tokens
        smoke.Model.zero_grad();
        smoke.Run.Loss(smoke.Model, cut).backward();

        // Without offsets only rows 0..3 would get a gradient; with them all 32 do.
        var rowsTrained = table.grad!.abs().sum(1).gt(0).sum().item<long>();
        Assert.Equal(32, rowsTrained);

        method.Dispose();
        Assert.Null(((IPositionOffsetModel)smoke.Model).PositionOffsets);
    }

    [Theory]
    [InlineData("8,3,1", "0.2,0.5", "does not divide the context 32")]
    [InlineData("2,4,1", "0.2,0.5", "must fall strictly")]
    public void A_bad_schedule_is_a_config_error_from_create(string divisors, string ends, string message)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(11);
        var error = Assert.Throws<ConfigException>(() => smoke.Create(new GrowLengthSubmission(), new GrowLengthHyperparameters(divisors, ends)));
        Assert.Contains(message, error.Message);
        Assert.Null(((IPositionOffsetModel)smoke.Model).PositionOffsets);
    }
}
