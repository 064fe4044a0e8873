namespace Bench.Submissions.Mechanisms;

/// <summary>
/// Constant fan-in sparsity masks and SRigL's update rule (Lasby, Golubeva, Evci, Nica and Ioannou, "Dynamic Sparse
/// Training with Structured Sparsity", arXiv 2305.02299). A mask is a row-major [outputs x inputs] bool array; every active
/// output neuron keeps the same number of inputs (its fan-in), an ablated neuron none. Plain arrays, so the end-to-end
/// method and the inference micro-benchmark use the same rule.
/// </summary>
public static class ConstantFanInMask
{
    /// <summary>The layer's non-zero budget at <paramref name="sparsity"/>: floor(outputs x inputs x (1 − sparsity)), as the reference.</summary>
    public static int NonZeros(int outputs, int inputs, double sparsity) => (int)Math.Floor((double)outputs * inputs * (1 - sparsity) + 1e-9);

    /// <summary>The constant fan-in when <paramref name="activeNeurons"/> share <paramref name="nonZeros"/>: floor(non-zeros / active), at most the
    /// inputs.</summary>
    public static int FanIn(int nonZeros, int activeNeurons, int inputs) =>
        activeNeurons <= 0 ? 0 : Math.Min(inputs, nonZeros / activeNeurons);

    /// <summary>
    /// RigL's cosine-decayed drop fraction at step <paramref name="step"/>: α/2 (1 + cos(π t / T_end)) before
    /// <paramref name="endStep"/>, 0 from it on.
    /// </summary>
    public static double DropFraction(long step, double alpha, long endStep) =>
        step >= endStep || endStep <= 0 ? 0 : alpha / 2 * (1 + Math.Cos(Math.PI * step / endStep));

    /// <summary>A random mask with exactly <paramref name="fanIn"/> inputs per output (a uniform draw per neuron).</summary>
    public static bool[] Random(int outputs, int inputs, int fanIn, Random random)
    {
        if (fanIn < 0 || fanIn > inputs) throw new ArgumentOutOfRangeException(nameof(fanIn), $"fan-in {fanIn} is not in [0, {inputs}]");
        var mask = new bool[outputs * inputs];
        var order = new int[inputs];
        for (var o = 0; o < outputs; o++)
        {
            for (var i = 0; i < inputs; i++) order[i] = i;
            // Partial Fisher-Yates: the first fanIn entries are a uniform sample without replacement.
            for (var i = 0; i < fanIn; i++)
            {
                var j = i + random.Next(inputs - i);
                (order[i], order[j]) = (order[j], order[i]);
                mask[o * inputs + order[i]] = true;
            }
        }
        return mask;
    }

    /// <summary>The number of inputs of each output neuron.</summary>
    public static int[] FanIns(bool[] mask, int outputs, int inputs)
    {
        var counts = new int[outputs];
        for (var o = 0; o < outputs; o++)
            for (var i = 0; i < inputs; i++)
                if (mask[o * inputs + i]) counts[o]++;
        return counts;
    }

    /// <summary>
    /// One SRigL update of a layer's mask from its weights and dense gradient (both [outputs x inputs], row-major):
    /// <list type="number">
    /// <item>of the n active weights, the round-down of <paramref name="dropFraction"/> x n smallest in magnitude are candidates
    /// for pruning (RigL's layer-wise magnitude criterion); the rest are kept;</item>
    /// <item>a weight is salient if kept, or among the layer's as many largest dense-gradient magnitudes as were dropped (the
    /// regrowth criterion). A neuron with fewer than γ_sal x k salient weights (k the constant fan-in at the target sparsity
    /// without ablation, at least 1 weight) is ablated, never so many that the rest would need more than all inputs;
    /// <paramref name="ablate"/> false turns this off;</item>
    /// <item>the active neurons share the layer's non-zero budget <paramref name="nonZeros"/> equally (the new fan-in); each
    /// keeps its largest kept weights up to that fan-in and regrows the rest by its own largest dense-gradient magnitudes
    /// among the positions it does not keep, so every active neuron ends with exactly the fan-in.</item>
    /// </list>
    /// Ties break by position (lower first), so the update is deterministic. The caller zeroes the weights outside the new
    /// mask and the regrown ones, those not in the old mask (SRigL regrows at zero; a weight dropped by magnitude and regrown
    /// by gradient in the same update keeps its value, as in RigL).
    /// </summary>
    public static ConstantFanInUpdate Update(
        ReadOnlySpan<float> weight, ReadOnlySpan<float> gradient, bool[] mask, int outputs, int inputs, int nonZeros,
        double dropFraction, double salientFraction, bool ablate)
    {
        var size = outputs * inputs;
        if (weight.Length != size || gradient.Length != size || mask.Length != size)
            throw new ArgumentException($"weight, gradient and mask must each hold {outputs} x {inputs} = {size} entries");
        if (!(dropFraction >= 0 && dropFraction <= 1)) throw new ArgumentOutOfRangeException(nameof(dropFraction), "must be in [0, 1]");

        var active = new List<int>();
        for (var p = 0; p < size; p++)
            if (mask[p]) active.Add(p);
        var prune = (int)Math.Floor(active.Count * dropFraction + 1e-9);
        var keepCount = active.Count - prune;

        // 1. Keep the largest-magnitude active weights, layer-wise.
        var byMagnitude = active.ToArray();
        var w = weight.ToArray();
        Array.Sort(byMagnitude, (a, b) => Compare(Math.Abs(w[a]), Math.Abs(w[b]), a, b));
        var kept = new bool[size];
        for (var r = 0; r < keepCount; r++) kept[byMagnitude[r]] = true;

        // 2. Saliency: kept, or among the `prune` largest dense-gradient magnitudes of the layer.
        var g = gradient.ToArray();
        var ablated = new List<int>();
        if (ablate)
        {
            var byGradient = Enumerable.Range(0, size).ToArray();
            Array.Sort(byGradient, (a, b) => Compare(Math.Abs(g[a]), Math.Abs(g[b]), a, b));
            var salient = (bool[])kept.Clone();
            for (var r = 0; r < prune; r++) salient[byGradient[r]] = true;
            var counts = FanIns(salient, outputs, inputs);
            var threshold = Math.Max(1, (int)Math.Floor(salientFraction * FanIn(nonZeros, outputs, inputs) + 1e-9));
            // At least ceil(nonZeros / inputs) neurons stay active (the budget must fit); the most salient ones first.
            var minimumActive = Math.Min(outputs, (nonZeros + inputs - 1) / inputs);
            var ranked = Enumerable.Range(0, outputs).OrderByDescending(o => counts[o]).ThenBy(o => o).ToArray();
            for (var r = minimumActive; r < outputs; r++)
                if (counts[ranked[r]] < threshold) ablated.Add(ranked[r]);
            ablated.Sort();
        }

        var isAblated = new bool[outputs];
        foreach (var o in ablated) isAblated[o] = true;
        var fanIn = FanIn(nonZeros, outputs - ablated.Count, inputs);

        // 3. Per active neuron: its largest kept weights up to the fan-in, then regrowth by its largest gradients.
        var next = new bool[size];
        var regrown = new bool[size];
        var row = new int[inputs];
        for (var o = 0; o < outputs; o++)
        {
            if (isAblated[o]) continue;
            var offset = o * inputs;
            for (var i = 0; i < inputs; i++) row[i] = offset + i;
            Array.Sort(row, (a, b) => (kept[a], kept[b]) switch
            {
                (true, false) => -1,
                (false, true) => 1,
                (true, true) => Compare(Math.Abs(w[a]), Math.Abs(w[b]), a, b),
                _ => Compare(Math.Abs(g[a]), Math.Abs(g[b]), a, b),
            });
            for (var r = 0; r < fanIn; r++)
            {
                next[row[r]] = true;
                regrown[row[r]] = !mask[row[r]];
            }
        }

        return new ConstantFanInUpdate(next, regrown, fanIn, ablated);
    }

    // Larger magnitude first; equal magnitudes by position.
    static int Compare(float a, float b, int positionA, int positionB)
    {
        var byValue = b.CompareTo(a);
        return byValue != 0 ? byValue : positionA.CompareTo(positionB);
    }
}
