using Bench.Submissions.RandomLtd;
using Bench.Tests.Shared;
using Bench.Workloads.Common;
using TorchSharp;
using static TorchSharp.torch;
using static Bench.Submissions.Tests.Common.SmokeCharGpt;

namespace Bench.Submissions.Tests.RandomLtd;

/// <summary>
/// Golden tests of random-LTD's token dropping around one transformer block (width 16, 2 heads): the subsets, gather and
/// scatter in order, dropped tokens untouched, and the causal mask among kept tokens following their original positions.
/// </summary>
public class TokenDropBlockTests
{
    static TransformerBlock Block(long seed)
    {
        torch.manual_seed(seed);
        return new TransformerBlock(16, 2);
    }

    /// <summary>Adds 1000 x its index in the sequence it is given to each row: shows which order the block saw.</summary>
    sealed class IndexMarker() : nn.Module<Tensor, Tensor>(nameof(IndexMarker))
    {
        public override Tensor forward(Tensor x) => x + 1000 * arange(x.shape[1], dtype: x.dtype).view(1, -1, 1);
    }

    [Fact]
    public void Samples_are_sorted_distinct_positions_k_per_sequence_and_differ_between_sequences()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var generator = new Generator(7);

        var kept = TokenDropBlock.Sample(16, 12, 5, generator, CPU);

        Assert.Equal([16L, 5L], kept.shape);
        var rows = Enumerable.Range(0, 16).Select(b => kept[b].data<long>().ToArray()).ToList();
        Assert.All(rows, r =>
        {
            Assert.Equal(r.Order(), r);
            Assert.Equal(5, r.Distinct().Count());
            Assert.All(r, p => Assert.InRange(p, 0, 11));
        });
        Assert.True(rows.Select(r => string.Join(",", r)).Distinct().Count() > 1, "every sequence got the same subset");
    }

    [Fact]
    public void Gather_then_scatter_puts_each_kept_row_back_at_its_position_in_order()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        var x = rand([4, 10, 16]);
        var kept = TokenDropBlock.Sample(4, 10, 6, generator, CPU);

        // The identity through gather and scatter restores x exactly.
        Assert.True(Same(x, TokenDropBlock.Scatter(x, kept, TokenDropBlock.Gather(x, kept))));
        // A block that marks the order it saw: the j-th kept token (in original order) got mark j, the rest none.
        var marked = TokenDropBlock.Through(new IndexMarker(), x, kept);
        for (var b = 0; b < 4; b++)
        {
            var positions = kept[b].data<long>().ToArray();
            for (var p = 0; p < 10; p++)
            {
                var j = Array.IndexOf(positions, (long)p);
                var expected = x[b, p] + (j < 0 ? 0 : 1000 * j);
                Assert.True(Same(expected, marked[b, p]), $"sequence {b}, position {p} (kept index {j})");
            }
        }
    }

    [Fact]
    public void With_every_token_kept_it_is_exactly_the_plain_block_and_in_evaluation_it_drops_nothing()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var block = Block(11);
        var x = randn([3, 8, 16]);
        using var noGrad = no_grad();
        var plain = block.forward(x);

        Assert.True(Same(plain, TokenDropBlock.Through(block, x, arange(8, dtype: ScalarType.Int64).expand(3, 8))));
        using var generator = new Generator(5);
        var wrapper = new TokenDropBlock(block, generator, 8) { KeptTokens = 8 };
        wrapper.train();
        Assert.True(Same(plain, wrapper.forward(x)));
        wrapper.KeptTokens = null;
        Assert.True(Same(plain, wrapper.forward(x)));
        wrapper.KeptTokens = 3;
        wrapper.eval();
        Assert.True(Same(plain, wrapper.forward(x)));
        Assert.Null(wrapper.LastKept);
    }

    [Fact]
    public void Dropped_tokens_pass_the_layer_unchanged_and_kept_ones_are_changed()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var generator = new Generator(9);
        var wrapper = new TokenDropBlock(Block(12), generator, 12) { KeptTokens = 5 };
        wrapper.train();
        var x = randn([6, 12, 16]);

        var y = wrapper.forward(x);

        var kept = wrapper.LastKept!;
        for (var b = 0; b < 6; b++)
        {
            var positions = kept[b].data<long>().ToArray();
            Assert.Equal(5, positions.Length);
            for (var p = 0; p < 12; p++)
                Assert.Equal(!positions.Contains(p), Same(x[b, p], y[b, p]));
        }
    }

    [Fact]
    public void Kept_tokens_attend_by_their_original_positions()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var block = Block(13);
        using var generator = new Generator(21);
        var x = randn([5, 12, 16]);
        var kept = TokenDropBlock.Sample(5, 12, 6, generator, CPU);
        using var noGrad = no_grad();

        var y = TokenDropBlock.Gather(TokenDropBlock.Through(block, x, kept), kept);

        // Reference: the block on the kept tokens with a mask built from their original positions (j visible to i iff
        // position j <= position i), not from their order in the subsequence.
        var mask = kept.unsqueeze(1).le(kept.unsqueeze(2)).unsqueeze(1); // [batch, 1, k, k]: [b, 0, i, j] = pos_j <= pos_i
        var reference = block.forward(TokenDropBlock.Gather(x, kept), mask);
        Assert.True((y - reference).abs().max().item<float>() < 1e-5f);

        // The same tokens in reversed order under a causal mask would see the wrong neighbours: the check can fail.
        var reversed = kept.flip(1);
        var wrongOrder = TokenDropBlock.Gather(TokenDropBlock.Through(block, x, reversed), kept);
        Assert.True((wrongOrder - reference).abs().max().item<float>() > 1e-3f);

        // Changing the third kept token changes kept outputs from it on, never those before it, nor any dropped token.
        var position = kept[0, 2].item<long>();
        var changed = x.clone();
        changed[0, position].add_(1);
        var y2 = TokenDropBlock.Through(block, changed, kept);
        var y1 = TokenDropBlock.Through(block, x, kept);
        var positions = kept[0].data<long>().ToArray();
        for (var p = 0; p < 12; p++)
        {
            var shouldChange = positions.Contains(p) && p >= position || p == position;
            Assert.Equal(!shouldChange, Same(y1[0, p], y2[0, p]));
        }
    }

    [Fact]
    public void It_lists_the_blocks_layers_under_block_and_the_tokens_it_keeps_of_the_window()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var generator = new Generator(1);
        var wrapper = new TokenDropBlock(Block(14), generator, 64) { KeptTokens = 48 };

        Assert.Equal(["block.qkv", "block.projection", "block.expand", "block.contract"], wrapper.Layers.Select(l => l.Name));
        Assert.All(wrapper.Layers, l => Assert.Equal(1.0, l.PositionsPerExample));
        Assert.Equal(48, wrapper.KeptOfWindow);
        wrapper.KeptTokens = 100;
        Assert.Equal(64, wrapper.KeptOfWindow);
        wrapper.KeptTokens = null;
        Assert.Equal(64, wrapper.KeptOfWindow);
        Assert.Throws<ArgumentOutOfRangeException>(() => wrapper.KeptTokens = 0);
    }
}
