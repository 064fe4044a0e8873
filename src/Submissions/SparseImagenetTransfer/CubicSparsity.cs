namespace Bench.Submissions.SparseImagenetTransfer;

/// <summary>
/// Zhu and Gupta's gradual pruning schedule ("To prune, or not to prune", arXiv 1710.01878, eq. 1) from an initial
/// sparsity of 0: s_t = s_f · (1 − (1 − (t − t0) / (t_end − t0))³) for t0 ≤ t ≤ t_end, 0 before t0 and s_f after t_end.
/// It prunes fast while the network is redundant and slowly as the final sparsity nears.
/// </summary>
public static class CubicSparsity
{
    /// <summary>The target sparsity after <paramref name="step"/> completed steps.</summary>
    public static double At(long step, long start, long end, double final)
    {
        if (end <= start) return step >= end ? final : 0;
        if (step <= start) return 0;
        if (step >= end) return final;
        var remaining = 1 - (double)(step - start) / (end - start);
        return final * (1 - remaining * remaining * remaining);
    }

    /// <summary>
    /// True when the masks are updated after <paramref name="step"/> completed steps: every <paramref name="every"/> steps
    /// from the first step after <paramref name="start"/>, and always at <paramref name="end"/> so the final sparsity is reached.
    /// </summary>
    public static bool IsPruneStep(long step, long start, long end, int every) =>
        step > start && step <= end && ((step - start) % every == 0 || step == end);
}
