namespace Bench.Submissions.MultistageDataFiltering;

/// <summary>
/// The paper's automatic loss threshold: the mean of the last <see cref="Window"/> per-example training losses seen during
/// the warm-up (stage 0), a moving average that the reference implementation freezes when stage 0 ends. An example whose
/// loss is at or above it is "hard" (trained); below it, "easy" (its backward pass is skipped).
/// </summary>
public sealed class LossThreshold
{
    readonly double[] recent;
    int count;
    int next;

    /// <summary>A moving average over <paramref name="window"/> examples (at least 1).</summary>
    public LossThreshold(int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        recent = new double[window];
    }

    /// <summary>How many of the most recent losses the average covers.</summary>
    public int Window => recent.Length;

    /// <summary>Losses recorded so far, up to <see cref="Window"/>.</summary>
    public int Count => count;

    /// <summary>Records per-example losses in the order they were seen; the oldest drop out of the window.</summary>
    public void Add(IEnumerable<float> losses)
    {
        foreach (var loss in losses)
        {
            recent[next] = loss;
            next = (next + 1) % recent.Length;
            count = Math.Min(count + 1, recent.Length);
        }
    }

    /// <summary>The mean of the recorded window; null before any loss was recorded.</summary>
    public double? Value => count == 0 ? null : recent.Take(count).Average();

    /// <summary>
    /// The rows of <paramref name="losses"/> at or above <paramref name="threshold"/>, in their order; when none is, the
    /// row of the largest loss alone (the step trains at least one example).
    /// </summary>
    public static int[] Kept(IReadOnlyList<float> losses, double threshold)
    {
        ArgumentOutOfRangeException.ThrowIfZero(losses.Count);
        var kept = Enumerable.Range(0, losses.Count).Where(i => losses[i] >= threshold).ToArray();
        if (kept.Length > 0) return kept;
        var hardest = 0;
        for (var i = 1; i < losses.Count; i++)
            if (losses[i] > losses[hardest]) hardest = i;
        return [hardest];
    }
}
