using Bench.Submissions.Common;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Submissions.Tests.Common;

public class CheckpointWindowTests
{
    static float[] Values(CheckpointWindow window) => [.. window.OldestFirst.Select(s => s.Tensors[0].data<float>()[0])];

    [Fact]
    public void The_window_keeps_the_k_latest_checkpoints_oldest_first_and_reuses_the_oldest_ones_memory()
    {
        _ = TorchFixture.Cpu;
        using var model = torch.nn.Linear(1, 1, hasBias: false);
        using var window = new CheckpointWindow(3);
        var first = (Snapshot?)null;
        for (var value = 1; value <= 5; value++)
        {
            Weights.Fill(model, value);
            var added = window.Add(model);
            first ??= added;
            Assert.Equal(value, added.Tensors[0].data<float>()[0]);
            Assert.Equal(value >= 3, window.IsFull);
        }

        Assert.Equal(3, window.Count);
        Assert.Equal([3f, 4f, 5f], Values(window));
        Assert.Contains(first, window.OldestFirst);      // checkpoint 1's memory now holds checkpoint 4
        Assert.Equal(4f, first!.Tensors[0].data<float>()[0]);
    }

    [Fact]
    public void Clear_starts_a_fresh_history()
    {
        _ = TorchFixture.Cpu;
        using var model = torch.nn.Linear(1, 1, hasBias: false);
        using var window = new CheckpointWindow(2);
        Weights.Fill(model, 1);
        window.Add(model);
        Weights.Fill(model, 2);
        window.Add(model);
        window.Clear();

        Assert.Equal(0, window.Count);
        Assert.False(window.IsFull);
        Weights.Fill(model, 7);
        window.Add(model);
        Assert.Equal([7f], Values(window));
    }
}
