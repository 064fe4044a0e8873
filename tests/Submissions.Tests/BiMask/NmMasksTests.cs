using Bench.Submissions.Mechanisms;
using Bench.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.BiMask;

/// <summary>
/// Golden tests of the N:M masks Bi-Mask and its transposable-mask baseline train with: the 90 transposable 4x4
/// patterns, the transposable mask's two constraints and its optimality per block, the backward mask's constraint
/// under a permutation and its restoring of the original order, and the permutation search.
/// </summary>
public class NmMasksTests
{
    /// <summary>Nonzeros in every group of 4 consecutive entries along the last dimension of <paramref name="m"/> [rows, columns].</summary>
    static Tensor PerGroup(Tensor m) => m.ne(0).to(ScalarType.Int32).view(m.shape[0], -1, 4).sum(-1);

    [Fact]
    public void There_are_90_distinct_4x4_patterns_with_two_ones_in_every_row_and_column()
    {
        var patterns = NmMasks.TransposablePatterns;

        Assert.Equal(90, patterns.Count);
        Assert.Equal(90, patterns.Select(p => string.Join("", p)).Distinct().Count());
        foreach (var p in patterns)
            for (var i = 0; i < 4; i++)
            {
                Assert.Equal(2, Enumerable.Range(0, 4).Sum(j => p[i * 4 + j]));
                Assert.Equal(2, Enumerable.Range(0, 4).Sum(j => p[j * 4 + i]));
            }
    }

    [Fact]
    public void A_transposable_mask_keeps_two_of_every_four_along_inputs_and_along_outputs()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var weight = randn(12, 16, generator: new Generator(4));

        var mask = NmMasks.Transposable(weight);

        Assert.True(PerGroup(mask).eq(2).all().item<bool>(), "a group of four inputs does not keep exactly two");
        Assert.True(PerGroup(mask.t().contiguous()).eq(2).all().item<bool>(), "a group of four outputs does not keep exactly two");
    }

    [Fact]
    public void In_a_block_where_the_row_wise_mask_is_not_transposable_the_transposable_mask_keeps_the_best_feasible_pattern()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        // Every row's two largest are columns 0 and 1, which would keep column 0 four times. The best transposable pattern
        // (sum of kept |w|) found by brute force over the 90 patterns, not by the code under test:
        var weight = tensor(new float[] { 9, 8, 1, 0.5f, 7, 6, 2, 0.1f, 5, 4, 3, 0.2f, 6, 5, 0.3f, 0.4f }, [4, 4]);
        var best = NmMasks.TransposablePatterns
            .Select(p => (Pattern: p, Score: p.Select((on, i) => on * Math.Abs(weight.data<float>()[i])).Sum()))
            .MaxBy(x => x.Score).Pattern;

        var mask = NmMasks.Transposable(weight);

        Assert.Equal(best, mask.data<float>().ToArray());
        Assert.NotEqual(new float[] { 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0 }, mask.data<float>().ToArray());
    }

    [Fact]
    public void The_backward_mask_keeps_two_of_every_four_permuted_outputs_within_the_forward_mask_in_the_original_order()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var weight = randn(8, 12, generator: new Generator(7));
        var forward = TwoFourMask.For(weight);
        var permutation = tensor(new long[] { 5, 2, 7, 0, 3, 6, 1, 4 });

        var backward = NmMasks.Backward(weight, forward, permutation);

        // Never keeps what the forward pruned.
        Assert.True((backward * (1 - forward)).eq(0).all().item<bool>());
        // Along the permuted outputs, at most two of every four are kept: the 2:4 layout of the input gradient.
        var permuted = backward.index_select(0, permutation);
        Assert.True(PerGroup(permuted.t().contiguous()).le(2).all().item<bool>());
        // By hand: permute W ⊙ M_f, keep the two largest |w| of every four outputs per input, AND, put rows back.
        var w = (weight * forward).index_select(0, permutation);
        var expected = zeros_like(weight);
        for (var column = 0; column < 12; column++)
            for (var group = 0; group < 2; group++)
            {
                var rows = Enumerable.Range(group * 4, 4).OrderByDescending(r => Math.Abs(w[r, column].item<float>())).Take(2);
                foreach (var r in rows)
                {
                    var original = permutation[r].item<long>();
                    if (forward[original, column].item<float>() == 1) expected[original, column] = 1;
                }
            }
        Assert.Equal(expected.data<float>().ToArray(), backward.data<float>().ToArray());
    }

    [Fact]
    public void The_permutation_search_never_keeps_less_than_the_identity_and_with_no_candidates_is_the_identity()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var weight = randn(16, 8, generator: new Generator(9));
        var forward = TwoFourMask.For(weight);
        var identity = arange(16, dtype: ScalarType.Int64);
        var keptByIdentity = NmMasks.Backward(weight, forward, identity).sum().item<float>();

        var none = NmMasks.SearchPermutation(weight, forward, 0, new Random(1));
        var searched = NmMasks.SearchPermutation(weight, forward, 50, new Random(1));

        Assert.Equal(identity.data<long>().ToArray(), none.data<long>().ToArray());
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (long)i), searched.data<long>().ToArray().Order());
        Assert.True(NmMasks.Backward(weight, forward, searched).sum().item<float>() >= keptByIdentity);
    }
}
