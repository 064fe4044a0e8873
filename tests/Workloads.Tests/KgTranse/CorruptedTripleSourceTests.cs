using Bench.Tests.Shared;
using Bench.Workloads.KgTranse;
using TorchSharp;

namespace Bench.Workloads.Tests.KgTranse;

public class CorruptedTripleSourceTests
{
    [Fact]
    public void Example_ids_are_the_rows_of_the_positive_triples_once_per_epoch()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        // Triple i is (i, 10 + i, 20 + i): recognisable from its row.
        var train = new int[5, 3];
        for (var i = 0; i < 5; i++) (train[i, 0], train[i, 1], train[i, 2]) = (i, 10 + i, 20 + i);
        var source = new CorruptedTripleSource(train, entities: 30, seed: 2, TorchFixture.Cpu);
        var ids = new List<long>();
        for (var b = 0; b < 2; b++)                                     // 2 batches of 5 = two epochs
        {
            var batch = source.Next(5);
            var positive = batch.Inputs.data<long>().ToArray();
            for (var i = 0; i < 5; i++)
            {
                var id = batch.ExampleIds![i];
                Assert.Equal(new long[] { id, 10 + id, 20 + id }, positive[(i * 3)..(i * 3 + 3)]);
            }
            Assert.Equal(Enumerable.Range(0, 5).Select(i => (long)i), batch.ExampleIds!.Order());
            ids.AddRange(batch.ExampleIds!);
        }
        Assert.Equal(10, ids.Count);
    }
}
