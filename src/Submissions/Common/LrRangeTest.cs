namespace Bench.Submissions.Common;

/// <summary>
/// Smith's learning-rate range test: train for a few steps while the rate grows exponentially from
/// <c>min</c> to <c>max</c>, then read the peak rate off the loss curve. The peak is the rate at which the
/// smoothed loss was lowest, divided by <c>safety</c>: past that point the loss climbs, so the rate where it
/// bottoms out is the largest one that still trains (Smith 2017, arXiv 1506.01186, section 3.3).
/// </summary>
public static class LrRangeTest
{
    /// <summary>Rate for probe step <paramref name="k"/> of <paramref name="steps"/>: min * (max/min)^(k/(steps-1)).</summary>
    public static double Rate(int k, int steps, double min, double max) =>
        min * Math.Pow(max / min, k / (double)Math.Max(1, steps - 1));

    /// <summary>
    /// Exponentially smoothed loss (factor <paramref name="smoothing"/>, bias-corrected as in Adam) so one
    /// noisy batch does not decide the peak. Non-finite losses stay non-finite (the probe diverged there).
    /// </summary>
    public static double[] Smooth(IReadOnlyList<double> losses, double smoothing = 0.9)
    {
        var result = new double[losses.Count];
        var average = 0.0;
        for (var i = 0; i < losses.Count; i++)
        {
            average = smoothing * average + (1 - smoothing) * losses[i];
            result[i] = average / (1 - Math.Pow(smoothing, i + 1));
        }
        return result;
    }

    /// <summary>
    /// Smoothing for a probe of <paramref name="steps"/> steps: an averaging window of about a tenth of the probe
    /// (0.9 for 100 steps, as fastai uses; a 15-step probe would otherwise be all lag).
    /// </summary>
    public static double SmoothingFor(int steps) => Math.Clamp(1 - 10.0 / steps, 0, 0.9);

    /// <summary>The peak rate: the rate at the lowest smoothed loss, divided by <paramref name="safety"/>.</summary>
    public static double PickPeak(IReadOnlyList<double> rates, IReadOnlyList<double> losses, double safety = 1)
    {
        if (rates.Count != losses.Count || rates.Count == 0) throw new ArgumentException("need one loss per probed rate");
        var smoothed = Smooth(losses, SmoothingFor(losses.Count));
        var best = 0;
        for (var i = 1; i < smoothed.Length; i++)
            if (double.IsFinite(smoothed[i]) && (!double.IsFinite(smoothed[best]) || smoothed[i] < smoothed[best])) best = i;
        return rates[best] / safety;
    }
}
