using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// 2:4 masks for the two products of a layer that touch its weight W [out, in]: the forward x·Wᵀ needs 2 of every 4
/// consecutive inputs of each output row (<see cref="TwoFourMask.For"/>); the input gradient dY·W needs 2 of every 4
/// consecutive outputs of each input column. A transposable mask satisfies both at once; Bi-Mask (arXiv 2302.06058)
/// instead keeps a separate backward mask, found after permuting the output channels. Shared by the bi-mask submission
/// and its transposable-mask control.
/// </summary>
public static class NmMasks
{
    /// <summary>
    /// The 90 4x4 0/1 patterns with exactly two ones in every row and every column, flattened row-major [90, 16]: the
    /// choices of a transposable 2:4 mask within one 4x4 block.
    /// </summary>
    public static readonly IReadOnlyList<float[]> TransposablePatterns = EnumeratePatterns();

    /// <summary>
    /// The transposable 2:4 mask of <paramref name="weight"/> [out, in] (both multiples of 4): in every 4x4 block, the
    /// pattern of <see cref="TransposablePatterns"/> keeping the largest sum of |w| (an exhaustive search per block, so
    /// optimal within the block structure; the paper's baseline finds the same masks by min-cost flow or a greedy 2-approximation).
    /// </summary>
    public static Tensor Transposable(Tensor weight)
    {
        CheckShape(weight, rowsMultipleOf4: true);
        using var scope = NewDisposeScope();
        var (rows, columns) = (weight.shape[0], weight.shape[1]);
        var blocks = weight.detach().abs().view(rows / 4, 4, columns / 4, 4).permute(0, 2, 1, 3).reshape(-1, 16);
        var patterns = tensor(TransposablePatterns.SelectMany(p => p).ToArray(), [TransposablePatterns.Count, 16],
            dtype: weight.dtype, device: weight.device);
        var best = blocks.matmul(patterns.t()).argmax(1);
        return patterns.index_select(0, best).view(rows / 4, columns / 4, 4, 4).permute(0, 2, 1, 3)
            .reshape(rows, columns).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Bi-Mask's backward mask for <paramref name="weight"/> [out, in] with forward mask <paramref name="forwardMask"/>:
    /// reorder the output rows by <paramref name="permutation"/>, keep in every group of 4 consecutive (reordered)
    /// outputs of each input column the 2 largest |w ⊙ forward mask|, and AND with the forward mask; returned in the
    /// original row order. W ⊙ mask is 2:4 along the outputs of the permuted matrix, the layout a sparse input gradient
    /// needs (permuting the output channels of dY is free), and never keeps a weight the forward pruned.
    /// </summary>
    public static Tensor Backward(Tensor weight, Tensor forwardMask, Tensor permutation)
    {
        CheckShape(weight, rowsMultipleOf4: true);
        using var scope = NewDisposeScope();
        var permuted = (weight.detach() * forwardMask).index_select(0, permutation);
        var kept = TwoFourMask.For(permuted.t().contiguous()).t() * forwardMask.index_select(0, permutation);
        // Row i of the permuted matrix is row permutation[i] of the original.
        return zeros_like(kept).index_copy_(0, permutation, kept).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The row permutation, among the identity and <paramref name="candidates"/> random ones from
    /// <paramref name="random"/>, whose <see cref="Backward"/> mask keeps the most of the forward mask (Bi-Mask's
    /// permutation search: the most weights shared by the two masks). The first best wins ties.
    /// </summary>
    public static Tensor SearchPermutation(Tensor weight, Tensor forwardMask, int candidates, Random random)
    {
        using var scope = NewDisposeScope();
        var rows = (int)weight.shape[0];
        var best = arange(rows, dtype: ScalarType.Int64, device: weight.device);
        var bestKept = Backward(weight, forwardMask, best).sum().item<float>();
        for (var c = 0; c < candidates; c++)
        {
            using var inner = NewDisposeScope();
            var order = Enumerable.Range(0, rows).Select(i => (long)i).ToArray();
            random.Shuffle(order);
            var candidate = tensor(order, device: weight.device);
            var kept = Backward(weight, forwardMask, candidate).sum().item<float>();
            if (kept <= bestKept) continue;
            (best, bestKept) = (candidate.MoveToOuterDisposeScope(), kept);
        }
        return best.MoveToOuterDisposeScope();
    }

    static void CheckShape(Tensor weight, bool rowsMultipleOf4)
    {
        if (weight.dim() != 2 || weight.shape[1] % 4 != 0 || (rowsMultipleOf4 && weight.shape[0] % 4 != 0))
            throw new ArgumentException("expected [out, in] with out and in multiples of 4, got " + $"[{string.Join(", ", weight.shape)}]");
    }

    static List<float[]> EnumeratePatterns()
    {
        // The 6 rows with two ones; a pattern is 4 of them whose columns also sum to 2.
        var rows = new List<int[]>();
        for (var a = 0; a < 4; a++)
            for (var b = a + 1; b < 4; b++)
                rows.Add([a, b]);
        var patterns = new List<float[]>();
        foreach (var r0 in rows)
            foreach (var r1 in rows)
                foreach (var r2 in rows)
                    foreach (var r3 in rows)
                    {
                        var pattern = new float[16];
                        int[][] chosen = [r0, r1, r2, r3];
                        for (var r = 0; r < 4; r++)
                            foreach (var c in chosen[r]) pattern[r * 4 + c] = 1;
                        var columnsOk = Enumerable.Range(0, 4).All(c => Enumerable.Range(0, 4).Sum(r => pattern[r * 4 + c]) == 2);
                        if (columnsOk) patterns.Add(pattern);
                    }
        return patterns;
    }
}
