using Bench.Tests.Shared;
using Bench.Workloads.TinyShakespeare;
using TorchSharp;

namespace Bench.Workloads.Tests.TinyShakespeare;

public class WindowSourceTests
{
    [Fact]
    public void Example_ids_are_the_start_offsets_of_the_windows_drawn()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        var tokens = Enumerable.Range(0, 50).Select(i => (long)i * 3).ToArray();   // token at offset o is 3 o
        var batch = new WindowSource(tokens, context: 4, seed: 5, TorchFixture.Cpu).Next(6);

        Assert.Equal(6, batch.ExampleIds!.Length);
        for (var row = 0; row < 6; row++)
        {
            var start = (int)batch.ExampleIds[row];
            Assert.Equal(tokens[start..(start + 4)], batch.Inputs[row].data<long>().ToArray());
            Assert.Equal(tokens[(start + 1)..(start + 5)], batch.Targets[row].data<long>().ToArray());
        }
    }
}
