using System.Numerics;
using System.Runtime.InteropServices;

namespace Bench.Micro.ConstantFanIn;

/// <summary>
/// A dense linear layer for one example, y = W x + b, each output a <see cref="Vector{T}"/> dot product of its weight row
/// with the input: the dense baseline of the constant fan-in benchmark, in the same C# kernel style as the sparse layers.
/// </summary>
public sealed class DenseVectorLinear(float[] weight, float[] bias, int outputs, int inputs)
{
    public int Outputs => outputs;

    public void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        for (var o = 0; o < outputs; o++) y[o] = bias[o] + Dot(weight.AsSpan(o * inputs, inputs), x);
    }

    /// <summary>Σ a_i b_i, <see cref="Vector{T}"/>-wide lanes then the tail.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var lanes = Vector<float>.Count;
        var sum = Vector<float>.Zero;
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..a.Length]);
        for (var i = 0; i < va.Length; i++) sum += va[i] * vb[i];
        var total = Vector.Sum(sum);
        for (var i = va.Length * lanes; i < a.Length; i++) total += a[i] * b[i];
        return total;
    }
}
