namespace Bench.Micro.ConstantFanIn;

/// <summary>
/// An unstructured sparse linear layer for one example in compressed sparse row form: per output, the sum over its stored
/// (column, value) pairs of value x input[column], plus the bias. Rows may hold any number of weights, so the kernel
/// walks each row's pairs one by one (the classic CSR matrix-vector product): the unstructured baseline SRigL compares with.
/// </summary>
public sealed class CsrInferenceLinear
{
    readonly int[] rowStart;
    readonly int[] columns;
    readonly float[] values;
    readonly float[] bias;

    /// <summary>The layer holding the weights of <paramref name="weight"/> [out x in, row-major] where <paramref name="mask"/> is set.</summary>
    public CsrInferenceLinear(float[] weight, bool[] mask, float[] bias, int outputs, int inputs)
    {
        rowStart = new int[outputs + 1];
        var cols = new List<int>();
        var vals = new List<float>();
        for (var o = 0; o < outputs; o++)
        {
            for (var i = 0; i < inputs; i++)
            {
                if (!mask[o * inputs + i]) continue;
                cols.Add(i);
                vals.Add(weight[o * inputs + i]);
            }
            rowStart[o + 1] = cols.Count;
        }
        columns = [.. cols];
        values = [.. vals];
        this.bias = bias;
    }

    public int Outputs => bias.Length;

    public int NonZeros => values.Length;

    public void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        for (var o = 0; o < bias.Length; o++)
        {
            var sum = bias[o];
            for (var p = rowStart[o]; p < rowStart[o + 1]; p++) sum += values[p] * x[columns[p]];
            y[o] = sum;
        }
    }
}
