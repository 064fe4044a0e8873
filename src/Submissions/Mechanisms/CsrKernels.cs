using System.Numerics;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// SparseProp's three kernels for a CSR weight W [out, in] (Nikdan et al., arXiv 2302.04852, Algorithms 1-2), on
/// batch-minor ("transposed") activations so that every inner loop is a contiguous, SIMD-vectorised
/// (<see cref="Vector{T}"/>) sweep over the batch: for each nonzero w at (r, c),
/// forward Yᵀ[r] += w·Xᵀ[c]; input gradient dXᵀ[c] += w·dYᵀ[r]; weight gradient dw = dYᵀ[r]·Xᵀ[c].
/// Work is proportional to the nonzeros, not to in x out. The forward and the weight gradient run in parallel over
/// rows, the input gradient over columns (through the pattern's column order), so no two threads write the same
/// output. Every tensor must be a contiguous float32 CPU tensor of the stated shape (B = batch positions).
/// </summary>
public static class CsrKernels
{
    /// <summary>Yᵀ [out, B] = W·Xᵀ + b: <paramref name="inputT"/> is Xᵀ [in, B]; <paramref name="bias"/> [out] or null.</summary>
    public static void Forward(CsrPattern pattern, Tensor values, Tensor? bias, Tensor inputT, Tensor outputT, int threads)
    {
        var batch = Check(pattern, values, inputT, pattern.Columns, "inputT");
        CheckShape(outputT, pattern.Rows, batch, "outputT");
        if (bias is not null) CheckShape(bias, pattern.Rows, null, "bias");
        Parallel(pattern.Rows, threads, (first, end) =>
        {
            var w = Floats(values);
            var x = Floats(inputT);
            var y = Floats(outputT);
            var b = bias is null ? default : Floats(bias);
            for (var r = first; r < end; r++)
            {
                var row = y.Slice(r * batch, batch);
                row.Fill(bias is null ? 0f : b[r]);
                for (var k = pattern.RowStarts[r]; k < pattern.RowStarts[r + 1]; k++)
                    Axpy(w[k], x.Slice(pattern.ColumnIndices[k] * batch, batch), row);
            }
        });
    }

    /// <summary>dXᵀ [in, B] = Wᵀ·dYᵀ, from <paramref name="gradOutputT"/> dYᵀ [out, B].</summary>
    public static void InputGradient(CsrPattern pattern, Tensor values, Tensor gradOutputT, Tensor gradInputT, int threads)
    {
        var batch = Check(pattern, values, gradOutputT, pattern.Rows, "gradOutputT");
        CheckShape(gradInputT, pattern.Columns, batch, "gradInputT");
        Parallel(pattern.Columns, threads, (first, end) =>
        {
            var w = Floats(values);
            var dy = Floats(gradOutputT);
            var dx = Floats(gradInputT);
            for (var c = first; c < end; c++)
            {
                var column = dx.Slice(c * batch, batch);
                column.Clear();
                for (var e = pattern.ColumnStarts[c]; e < pattern.ColumnStarts[c + 1]; e++)
                    Axpy(w[pattern.ValueOfColumnEntry[e]], dy.Slice(pattern.RowIndices[e] * batch, batch), column);
            }
        });
    }

    /// <summary>dW at the nonzeros only, [nnz] in row order: dw(r, c) = dYᵀ[r]·Xᵀ[c].</summary>
    public static void WeightGradient(CsrPattern pattern, Tensor gradOutputT, Tensor inputT, Tensor gradValues, int threads)
    {
        var batch = Check(pattern, gradValues, gradOutputT, pattern.Rows, "gradOutputT");
        CheckShape(inputT, pattern.Columns, batch, "inputT");
        Parallel(pattern.Rows, threads, (first, end) =>
        {
            var dw = Floats(gradValues);
            var dy = Floats(gradOutputT);
            var x = Floats(inputT);
            for (var r = first; r < end; r++)
            {
                var row = dy.Slice(r * batch, batch);
                for (var k = pattern.RowStarts[r]; k < pattern.RowStarts[r + 1]; k++)
                    dw[k] = Dot(row, x.Slice(pattern.ColumnIndices[k] * batch, batch));
            }
        });
    }

    /// <summary>y += a·x, vectorised.</summary>
    static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        var va = new Vector<float>(a);
        for (var i = 0; i < vy.Length; i++) vy[i] = Vector.FusedMultiplyAdd(va, vx[i], vy[i]);
        for (var i = vy.Length * Vector<float>.Count; i < y.Length; i++) y[i] += a * x[i];
    }

    /// <summary>x·y, vectorised with two accumulators.</summary>
    static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        var even = Vector<float>.Zero;
        var odd = Vector<float>.Zero;
        var i = 0;
        for (; i + 1 < vx.Length; i += 2)
        {
            even = Vector.FusedMultiplyAdd(vx[i], vy[i], even);
            odd = Vector.FusedMultiplyAdd(vx[i + 1], vy[i + 1], odd);
        }
        if (i < vx.Length) even = Vector.FusedMultiplyAdd(vx[i], vy[i], even);
        var sum = Vector.Sum(even + odd);
        for (var j = vx.Length * Vector<float>.Count; j < x.Length; j++) sum += x[j] * y[j];
        return sum;
    }

    /// <summary>Runs <paramref name="body"/> over [0, count) in at most <paramref name="threads"/> contiguous ranges.</summary>
    static void Parallel(int count, int threads, Action<int, int> body)
    {
        var parts = Math.Clamp(Math.Min(threads, count / 16), 1, 64);
        if (parts == 1)
        {
            body(0, count);
            return;
        }
        System.Threading.Tasks.Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts },
            part => body((int)((long)count * part / parts), (int)((long)count * (part + 1) / parts)));
    }

    // The span is re-read inside each worker (a span cannot be captured); the memory is libtorch's and does not move.
    static Span<float> Floats(Tensor t) => MemoryMarshal.Cast<byte, float>(t.bytes);

    static int Check(CsrPattern pattern, Tensor values, Tensor activations, int rows, string name)
    {
        CheckShape(values, pattern.Nonzeros, null, "values");
        if (activations.dim() != 2) throw new ArgumentException($"{name}: expected [{rows}, batch], got [{string.Join(", ", activations.shape)}]");
        var batch = (int)activations.shape[1];
        CheckShape(activations, rows, batch, name);
        return batch;
    }

    static void CheckShape(Tensor t, int rows, int? columns, string name)
    {
        var expected = columns is null ? new long[] { rows } : [rows, columns.Value];
        if (!t.shape.SequenceEqual(expected))
            throw new ArgumentException($"{name}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", t.shape)}]");
        if (t.dtype != ScalarType.Float32 || t.device_type != DeviceType.CPU || !t.is_contiguous())
            throw new ArgumentException($"{name}: the CSR kernels take contiguous float32 CPU tensors, got {t.dtype} on {t.device_type}" +
                (t.is_contiguous() ? "" : ", not contiguous"));
    }
}
