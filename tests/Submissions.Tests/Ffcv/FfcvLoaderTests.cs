using Bench.Submissions.Mechanisms;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Ffcv;

/// <summary>
/// Golden tests of ffcv's loaders on a toy stored split: the store holds the decoded pixels exactly; the naive per-image
/// loader, the synchronous store and the prefetching store give identical batches for a seed, and those batches are the
/// hand-computed standardisation and flips of the plan's examples; every epoch covers every example once; the prefetch
/// thread's tensors do not leak.
/// </summary>
public class FfcvLoaderTests
{
    const int Count = 37;

    static void AssertSame(Bench.Contracts.Batch expected, Bench.Contracts.Batch actual, string what)
    {
        Assert.Equal(expected.ExampleIds, actual.ExampleIds);
        Assert.True(expected.Inputs.shape.SequenceEqual(actual.Inputs.shape), $"{what}: shapes differ");
        Assert.True(expected.Inputs.equal(actual.Inputs).all().item<bool>(), $"{what}: inputs differ");
        Assert.True(expected.Targets.equal(actual.Targets).all().item<bool>(), $"{what}: targets differ");
    }

    [Fact]
    public void The_store_holds_every_decoded_image_byte_for_byte_in_split_order()
    {
        var split = new ToySplit(Count);
        using var store = new PixelStore(split);

        Assert.Equal([Count, 3, 4, 5], store.Pixels.shape);
        Assert.Equal(Count, split.Decodes);
        var stored = store.Pixels.data<byte>().ToArray();
        for (var i = 0; i < Count; i++)
            Assert.Equal(split.File(i), stored.AsSpan(i * 60, 60).ToArray());
    }

    [Fact]
    public void Each_epoch_covers_every_example_once_and_the_next_epoch_is_a_new_order()
    {
        var plan = new EpochPlan(Count, seed: 3);
        // Batches of 10 cross the epoch boundary at position 37: positions are what define the epochs.
        var positions = Enumerable.Range(0, 8).SelectMany(b => plan.Take(b * 10, 10).Indices).ToList();

        Assert.Equal(Enumerable.Range(0, Count).Select(i => (long)i), positions.Take(Count).Order());
        Assert.Equal(Enumerable.Range(0, Count).Select(i => (long)i), positions.Skip(Count).Take(Count).Order());
        Assert.NotEqual(positions.Take(Count), positions.Skip(Count).Take(Count));
        // The plan is a function of position: asking again, or in other sizes, gives the same draws.
        Assert.Equal(plan.Take(35, 5), (plan.Take(35, 5).Indices, plan.Take(35, 5).Flips), new PlanComparer());
        Assert.Equal(plan.Take(33, 4).Indices.Concat(plan.Take(37, 6).Indices), plan.Take(33, 10).Indices);
        var flips = Enumerable.Range(0, 8).SelectMany(b => plan.Take(b * 10, 10).Flips).ToList();
        Assert.InRange(flips.Count(f => f), 20, 60);
    }

    sealed class PlanComparer : IEqualityComparer<(long[] Indices, bool[] Flips)>
    {
        public bool Equals((long[] Indices, bool[] Flips) x, (long[] Indices, bool[] Flips) y) =>
            x.Indices.SequenceEqual(y.Indices) && x.Flips.SequenceEqual(y.Flips);

        public int GetHashCode((long[] Indices, bool[] Flips) obj) => obj.Indices.Length;
    }

    [Fact]
    public void The_batched_augmentation_equals_the_per_image_loader_and_the_hand_computed_images()
    {
        var split = new ToySplit(Count);
        using var standardisation = new ImageStandardisation(split);
        using var store = new PixelStore(split);
        var naive = new PerImageDecodingSource(split, standardisation, seed: 9);
        var batched = new PixelStoreSource(store, seed: 9);
        var plan = new EpochPlan(Count, seed: 9);
        var decodesBefore = split.Decodes;

        long position = 0;
        for (var b = 0; b < 9; b++)
        {
            using var scope = NewDisposeScope();
            var size = b == 4 ? 7 : 10;
            var expected = naive.Next(size);
            AssertSame(expected, batched.Next(size), $"batch {b}");
            var (indices, flips) = plan.Take(position, size);
            position += size;
            Assert.Equal(indices, expected.ExampleIds);
            Assert.Equal(indices.Select(i => i % 10), expected.Targets.data<long>().ToArray());
            var values = expected.Inputs.data<float>().ToArray();
            for (var r = 0; r < size; r++)
            {
                var file = split.File((int)indices[r]);
                for (var c = 0; c < 3; c++)
                    for (var y = 0; y < 4; y++)
                        for (var x = 0; x < 5; x++)
                        {
                            var source = flips[r] ? 4 - x : x;
                            var want = (file[c * 20 + y * 5 + source] / 255f - split.Mean[c]) / split.Std[c];
                            Assert.Equal(want, values[r * 60 + c * 20 + y * 5 + x], 5);
                        }
            }
        }
        // The naive loader decodes every image of every batch again: nothing is cached.
        Assert.Equal(position, split.Decodes - decodesBefore);
    }

    [Fact]
    public void The_prefetching_source_yields_the_synchronous_batches_for_a_seed_also_when_the_size_changes()
    {
        using var store = new PixelStore(new ToySplit(Count));
        var synchronous = new PixelStoreSource(store, seed: 4);
        using var prefetching = new PrefetchingSource(store, seed: 4);

        int[] sizes = [10, 10, 10, 7, 7, 16, 10, 10];
        for (var b = 0; b < sizes.Length; b++)
        {
            using var scope = NewDisposeScope();
            AssertSame(synchronous.Next(sizes[b]), prefetching.Next(sizes[b]), $"batch {b} of size {sizes[b]}");
        }
    }

    [Fact]
    public void Live_tensors_stay_flat_over_many_prefetched_batches_and_return_to_the_start_after_dispose()
    {
        using var store = new PixelStore(new ToySplit(Count));
        var before = Tensor.TotalCount;
        var live = new List<long>();
        using (var prefetching = new PrefetchingSource(store, seed: 1))
        {
            for (var b = 0; b < 200; b++)
            {
                using var scope = NewDisposeScope();
                var batch = prefetching.Next(8);
                Assert.Equal(8, batch.Size);
                // The harness's step: the batch is used, then freed with the scope.
                using var sum = batch.Inputs.sum();
                live.Add(Tensor.TotalCount);
            }
            // The worker runs concurrently (one batch ahead, its temporaries live while it gathers), so the count moves
            // within a small window; a batch's two tensors leaked per step would add 400 over the run.
            Assert.True(live.Max() - live.Min() <= 12, "live tensors grew across batches: " + string.Join(",", live.Distinct()));
        }
        Assert.Equal(before, Tensor.TotalCount);
    }
}
