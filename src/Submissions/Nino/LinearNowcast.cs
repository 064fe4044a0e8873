namespace Bench.Submissions.Nino;

/// <summary>
/// The nowcaster: an ordinary least-squares line through each parameter's last <c>c</c> checkpoints (equally
/// spaced, positions 0..c-1), read off <c>h</c> checkpoint intervals past the newest. The prediction is a fixed
/// linear combination of the checkpoints, so it costs c multiply-adds per parameter.
/// </summary>
public static class LinearNowcast
{
    /// <summary>
    /// Weights w_i with prediction = sum_i w_i * theta_i: w_i = 1/c + (i - mean)(x - mean) / sum_j (j - mean)^2,
    /// where x = c - 1 + <paramref name="horizon"/> is the position predicted. They sum to 1 (a constant
    /// trajectory stays put) and reproduce any straight line exactly.
    /// </summary>
    public static double[] Weights(int checkpoints, double horizon)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(checkpoints, 2);
        var mean = (checkpoints - 1) / 2.0;
        var spread = Enumerable.Range(0, checkpoints).Sum(i => (i - mean) * (i - mean));
        var x = checkpoints - 1 + horizon;
        return Enumerable.Range(0, checkpoints).Select(i => 1.0 / checkpoints + (i - mean) * (x - mean) / spread).ToArray();
    }
}
