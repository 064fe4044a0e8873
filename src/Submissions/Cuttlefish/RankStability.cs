namespace Bench.Submissions.Cuttlefish;

/// <summary>
/// Cuttlefish's switch rule over the stable ranks of the tracked layers, one observation per check (the reference
/// implementation checks once per epoch): a layer is stable once its rank curve has flattened, i.e. from the
/// <c>window</c>-th check on, the mean absolute slope of the last <see cref="SlopePoints"/> points of the curve's
/// <c>window</c>-point exponential moving average (smoothing 2, weight 2 / (window + 1); slopes as numpy's
/// <c>gradient</c>: central inside, one-sided at the ends) is at most the threshold. The threshold is relaxed
/// <see cref="RelaxLastTwo"/>-fold when only two layers are still unstable and twice that when one is (the reference's
/// ResNet/VGG setting), so a straggler does not hold the switch back for ever. A layer once stable stays stable;
/// the switch is due when every tracked layer is.
/// </summary>
public sealed class RankStability
{
    /// <summary>Slopes averaged: the reference's last 11 points.</summary>
    public const int SlopePoints = 11;

    /// <summary>The threshold's relaxation with two unstable layers left (x2 that with one): the reference's 2.5 for CNNs.</summary>
    public const double RelaxLastTwo = 2.5;

    readonly List<int>[] history;
    readonly bool[] stable;
    readonly int window;
    readonly double threshold;

    /// <param name="layers">Tracked layers.</param>
    /// <param name="window">Checks before a layer may be stable, and the moving average's span (the reference's 15).</param>
    /// <param name="threshold">The largest mean absolute slope, in rank per check, of a stable curve (the reference's 0.1).</param>
    public RankStability(int layers, int window, double threshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        history = Enumerable.Range(0, layers).Select(_ => new List<int>()).ToArray();
        stable = new bool[layers];
        (this.window, this.threshold) = (window, threshold);
    }

    /// <summary>Checks observed so far (the first is the initial weights').</summary>
    public int Checks => history[0].Count;

    /// <summary>Which layers are stable.</summary>
    public IReadOnlyList<bool> Stable => stable;

    /// <summary>True when every tracked layer is stable.</summary>
    public bool AllStable => stable.All(s => s);

    /// <summary>
    /// Records one check's stable ranks (floored, as the reference does) and updates which layers are stable;
    /// returns <see cref="AllStable"/>.
    /// </summary>
    public bool Observe(IReadOnlyList<int> ranks)
    {
        if (ranks.Count != history.Length) throw new ArgumentException($"expected {history.Length} ranks, got {ranks.Count}", nameof(ranks));
        // The check's index (0 for the initial weights), and the unstable count before this check: the reference's.
        var check = Checks;
        var remaining = stable.Count(s => !s);
        var bound = threshold * remaining switch { 2 => RelaxLastTwo, 1 => 2 * RelaxLastTwo, _ => 1 };
        for (var i = 0; i < history.Length; i++)
        {
            history[i].Add(ranks[i]);
            if (!stable[i] && check >= window) stable[i] = MeanRecentSlope(history[i], window) <= bound;
        }
        return AllStable;
    }

    /// <summary>The mean absolute slope of the last <see cref="SlopePoints"/> points of the curve's EMA.</summary>
    public static double MeanRecentSlope(IReadOnlyList<int> curve, int window)
    {
        if (curve.Count < 2) return 0;
        var weight = 2.0 / (window + 1);
        var ema = new double[curve.Count];
        ema[0] = curve[0];
        for (var i = 1; i < ema.Length; i++) ema[i] = curve[i] * weight + ema[i - 1] * (1 - weight);
        var n = ema.Length;
        var slopes = new double[n];
        slopes[0] = ema[1] - ema[0];
        slopes[n - 1] = ema[n - 1] - ema[n - 2];
        for (var i = 1; i < n - 1; i++) slopes[i] = (ema[i + 1] - ema[i - 1]) / 2;
        return slopes.Skip(Math.Max(0, n - SlopePoints)).Select(Math.Abs).Average();
    }
}
