using Bench.Submissions.Common;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Submissions.Tests.Common;

public class CheckpointAverageTests
{
    [Fact]
    public void The_average_of_checkpoints_is_loaded_and_snapshots_restore_exactly()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        using var model = torch.nn.Linear(1, 1);
        var checkpoints = new List<Snapshot>();
        foreach (var value in new[] { 1f, 2f, 6f })
        {
            using (torch.no_grad()) { model.weight!.fill_(value); model.bias!.fill_(-value); }
            checkpoints.Add(Snapshot.Take(model));
        }

        CheckpointAverage.LoadInto(model, checkpoints);
        Assert.Equal(3f, model.weight!.data<float>()[0], 6);    // (1 + 2 + 6) / 3
        Assert.Equal(-3f, model.bias!.data<float>()[0], 6);

        checkpoints[0].RestoreInto(model);
        Assert.Equal(1f, model.weight!.data<float>()[0]);
        foreach (var c in checkpoints) c.Dispose();
    }

    [Fact]
    public void BatchNorm_statistics_are_re_estimated_as_the_plain_mean_over_the_batches()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        using var norm = torch.nn.BatchNorm1d(1);
        using var model = torch.nn.Sequential(norm);
        Assert.True(CheckpointAverage.HasBatchNorm(model));
        // Batch means 1 and 5: the re-estimated running mean is 3, whatever the old statistics were.
        using (torch.no_grad()) norm.running_mean!.fill_(100);
        CheckpointAverage.RecomputeBatchNorm(model, [torch.tensor(new float[] { 0, 2 }).unsqueeze(1), torch.tensor(new float[] { 4, 6 }).unsqueeze(1)]);
        Assert.Equal(3f, norm.running_mean!.data<float>()[0], 5);
        Assert.Equal(0.1, norm.momentum);   // restored
    }
}
