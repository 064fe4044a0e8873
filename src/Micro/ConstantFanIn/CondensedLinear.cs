namespace Bench.Micro.ConstantFanIn;

/// <summary>
/// SRigL's condensed form of a constant fan-in layer (arXiv 2305.02299, section 4.2) for one example: the active neurons'
/// weights as a dense [active x k] matrix with the [active x k] indices of their inputs. Each active output gathers its k
/// inputs into a contiguous buffer and takes a <see cref="System.Numerics.Vector{T}"/> dot product with its weight row; an
/// ablated neuron (no inputs) outputs its bias. Equal to the dense layer with the masked weights.
/// </summary>
public sealed class CondensedLinear
{
    readonly int fanIn;
    readonly int[] activeRows;
    readonly int[] indices;
    readonly float[] values;
    readonly float[] bias;
    readonly float[] gathered;

    /// <summary>
    /// The layer of <paramref name="weight"/> [out x in, row-major] where <paramref name="mask"/> is set; every neuron with any
    /// input must have the same fan-in.
    /// </summary>
    public CondensedLinear(float[] weight, bool[] mask, float[] bias, int outputs, int inputs)
    {
        var fanIns = Bench.Submissions.Mechanisms.ConstantFanInMask.FanIns(mask, outputs, inputs);
        var active = Enumerable.Range(0, outputs).Where(o => fanIns[o] > 0).ToArray();
        var distinct = active.Select(o => fanIns[o]).Distinct().ToArray();
        if (distinct.Length > 1)
            throw new ArgumentException($"a condensed layer needs one fan-in for every active neuron; the mask has " +
                $"{string.Join(", ", distinct)}", nameof(mask));
        fanIn = distinct.Length == 0 ? 0 : distinct[0];
        activeRows = active;
        indices = new int[active.Length * fanIn];
        values = new float[active.Length * fanIn];
        for (var r = 0; r < active.Length; r++)
        {
            var next = r * fanIn;
            for (var i = 0; i < inputs; i++)
            {
                if (!mask[active[r] * inputs + i]) continue;
                indices[next] = i;
                values[next++] = weight[active[r] * inputs + i];
            }
        }
        this.bias = bias;
        gathered = new float[fanIn];
    }

    public int FanIn => fanIn;

    public int ActiveNeurons => activeRows.Length;

    public int Outputs => bias.Length;

    public void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        bias.CopyTo(y);
        var buffer = gathered.AsSpan();
        for (var r = 0; r < activeRows.Length; r++)
        {
            var row = indices.AsSpan(r * fanIn, fanIn);
            for (var j = 0; j < row.Length; j++) buffer[j] = x[row[j]];
            y[activeRows[r]] += DenseVectorLinear.Dot(values.AsSpan(r * fanIn, fanIn), buffer);
        }
    }
}
