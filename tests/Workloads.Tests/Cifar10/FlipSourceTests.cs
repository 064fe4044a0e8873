using Bench.Tests.Shared;
using Bench.Workloads.Cifar10;
using TorchSharp;

namespace Bench.Workloads.Tests.Cifar10;

public class FlipSourceTests
{
    [Fact]
    public void Flipped_batches_keep_the_ids_of_the_images_drawn()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        const int count = 6;
        // Image i is constant i (a flip leaves it unchanged), its label 10 + i.
        var images = torch.arange(count, dtype: torch.float32).view(count, 1, 1, 1).expand(count, 3, 2, 2).contiguous();
        var source = new FlipSource(images, torch.arange(count).add(10), seed: 1);
        var ids = new List<long>();
        for (var b = 0; b < 4; b++)                                     // 4 batches of 3 = two epochs
        {
            var batch = source.Next(3);
            Assert.Equal(batch.ExampleIds!.Select(id => (float)id), batch.Inputs[.., 0, 0, 0].data<float>().ToArray());
            Assert.Equal(batch.ExampleIds!.Select(id => id + 10), batch.Targets.data<long>().ToArray());
            ids.AddRange(batch.ExampleIds!);
        }
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), ids[..count].Order());
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), ids[count..].Order());
    }
}
