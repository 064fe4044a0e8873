using Bench.Contracts;
using Bench.Tests.Shared;
using Bench.Workloads.Common;
using TorchSharp;

namespace Bench.Workloads.Tests.Common;

/// <summary>Streams over parts of the training split number their examples as the whole split does.</summary>
public class TensorClassificationRunTests
{
    [Fact]
    public void Training_and_held_out_ids_index_the_whole_split_and_name_the_rows_drawn()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        const int count = 20;
        // Row i of the training split holds the value i, so a batch's inputs are its ids.
        using var run = new Run(torch.arange(count, dtype: torch.float32).unsqueeze(1), torch.zeros(count, dtype: torch.int64));
        var split = new TrainStream(Fraction: 1, HeldOutFraction: 0.25);  // rows 0..14 train, 15..19 held out

        var train = run.TrainBatches(0, split).Next(15);
        var heldOut = run.HeldOutBatches(0, split).Next(5);

        Assert.Equal(Enumerable.Range(0, 15).Select(i => (long)i), train.ExampleIds!.Order());
        Assert.Equal(Enumerable.Range(15, 5).Select(i => (long)i), heldOut.ExampleIds!.Order());
        Assert.Equal(train.ExampleIds!.Select(id => (float)id), train.Inputs.squeeze(1).data<float>().ToArray());
        Assert.Equal(heldOut.ExampleIds!.Select(id => (float)id), heldOut.Inputs.squeeze(1).data<float>().ToArray());
    }

    [Fact]
    public void The_run_tells_a_method_its_input_shape_class_count_and_training_split()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        var inputs = torch.randn(6, 3, 4, 5);
        var labels = torch.tensor(new long[] { 0, 1, 1, 0, 1, 0 });
        using IWorkloadRun run = new Run(inputs, labels);

        Assert.Equal(new long[] { 3, 4, 5 }, run.InputShape);
        Assert.Equal(2, run.Classes);
        // The split itself (row i is example i), not a copy: a method reads what the workload's batches are drawn from.
        Assert.Same(inputs, run.TrainingSplit!.Inputs);
        Assert.Same(labels, run.TrainingSplit.Targets);
    }

    sealed class Run(torch.Tensor inputs, torch.Tensor labels)
        : TensorClassificationRun(inputs, labels, inputs.clone(), labels.clone())
    {
        public override int? Classes => 2;
        public override double TrainFlopsPerExample => 1;
        public override torch.nn.Module CreateModel() => torch.nn.Linear(1, 2);
    }
}
