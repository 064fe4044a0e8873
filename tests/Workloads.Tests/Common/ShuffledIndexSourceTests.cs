using Bench.Tests.Shared;
using Bench.Workloads.Common;
using TorchSharp;

namespace Bench.Workloads.Tests.Common;

public class ShuffledIndexSourceTests
{
    static long[] Draw(int seed, int batches, int size)
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        var inputs = torch.arange(10L).unsqueeze(1);
        var source = new ShuffledIndexSource(inputs, torch.arange(10L), seed);
        return [.. Enumerable.Range(0, batches).SelectMany(_ => source.Next(size).Inputs.data<long>().ToArray())];
    }

    [Fact]
    public void The_same_seed_gives_the_same_batches_and_another_seed_does_not()
    {
        Assert.Equal(Draw(1, 5, 4), Draw(1, 5, 4));
        Assert.NotEqual(Draw(1, 5, 4), Draw(2, 5, 4));
    }

    [Fact]
    public void Each_epoch_visits_every_example_once()
    {
        var drawn = Draw(3, 5, 4); // 20 examples = exactly two epochs of 10
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), drawn[..10].Order());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), drawn[10..].Order());
    }

    [Fact]
    public void Example_ids_name_the_rows_drawn_and_cover_each_example_once_per_epoch()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        var inputs = torch.arange(10L).mul(7).unsqueeze(1);            // row i holds 7 i
        var targets = torch.arange(10L).add(100);                       // row i's target is 100 + i
        var source = new ShuffledIndexSource(inputs, targets, seed: 3);
        var ids = new List<long>();
        for (var b = 0; b < 5; b++)                                     // 5 batches of 4 = two epochs, crossing a boundary
        {
            var batch = source.Next(4);
            Assert.NotNull(batch.ExampleIds);
            Assert.Equal(batch.ExampleIds!.Select(id => id * 7), batch.Inputs.data<long>().ToArray());
            Assert.Equal(batch.ExampleIds!.Select(id => id + 100), batch.Targets.data<long>().ToArray());
            ids.AddRange(batch.ExampleIds!);
        }
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), ids[..10].Order());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), ids[10..].Order());
    }
}
