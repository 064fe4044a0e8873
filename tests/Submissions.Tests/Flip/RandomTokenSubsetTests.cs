using Bench.Submissions.Flip;
using Bench.Tests.Shared;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Flip;

/// <summary>FLIP's random masking: exactly the kept count of distinct positions per image, uniform, independent per image.</summary>
public class RandomTokenSubsetTests
{
    [Theory]
    [InlineData(64, 0.5, 32)]
    [InlineData(64, 0.75, 16)]
    [InlineData(64, 0.0, 64)]
    [InlineData(64, 0.999, 1)]
    [InlineData(10, 0.25, 8)] // 7.5 rounds up
    public void The_kept_count_is_the_rounded_unmasked_share_and_at_least_one(int tokens, double ratio, int kept) =>
        Assert.Equal(kept, RandomTokenSubset.KeptOf(tokens, ratio));

    [Fact]
    public void Each_row_keeps_exactly_the_kept_count_of_distinct_positions_in_range()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var subset = new RandomTokenSubset(16, 3);

        var kept = subset.Select(zeros(50, 64, 48));

        Assert.Equal([50L, 16], kept.shape);
        Assert.Equal(ScalarType.Int64, kept.dtype);
        var rows = kept.data<long>().ToArray().Chunk(16).ToList();
        Assert.All(rows, row => Assert.Equal(16, row.Distinct().Count()));
        Assert.All(rows, row => Assert.All(row, p => Assert.InRange(p, 0, 63)));
    }

    [Fact]
    public void Every_position_is_kept_about_as_often_and_images_of_a_batch_get_their_own_subsets()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var subset = new RandomTokenSubset(16, 11);
        var counts = new long[64];
        var pairs = 0L;
        const int Batches = 40, Batch = 100;
        for (var b = 0; b < Batches; b++)
        {
            var rows = subset.Select(zeros(Batch, 64, 1)).data<long>().ToArray().Chunk(16).ToList();
            Assert.Equal(Batch, rows.Select(r => string.Join(",", r.Order())).Distinct().Count()); // per image, not per batch
            foreach (var row in rows)
            {
                foreach (var p in row) counts[p]++;
                if (row.Contains(0) && row.Contains(1)) pairs++;
            }
        }

        // 4,000 images keeping 16 of 64: each position kept with probability 1/4 (binomial sd 0.0068), a given pair both
        // kept with probability 16·15 / (64·63) = 0.0595 (sd 0.0037). Bounds at about 5 sd: a seeded draw that fails them
        // is not uniform.
        const double Images = Batches * Batch;
        Assert.All(counts, c => Assert.InRange(c / Images, 0.215, 0.285));
        Assert.InRange(pairs / Images, 0.041, 0.078);
    }

    [Fact]
    public void The_same_seed_draws_the_same_subsets_and_another_seed_others()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var a = new RandomTokenSubset(8, 7);
        using var b = new RandomTokenSubset(8, 7);
        using var c = new RandomTokenSubset(8, 8);
        var tokens = zeros(4, 64, 2);

        var first = a.Select(tokens);

        Assert.True(first.eq(b.Select(tokens)).all().item<bool>());
        Assert.False(first.eq(c.Select(tokens)).all().item<bool>());
        Assert.False(first.eq(a.Select(tokens)).all().item<bool>(), "a second draw repeated the first");
    }
}
