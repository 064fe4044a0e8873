using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// The fixed nonzero positions of an unstructured-sparse weight [out, in], in compressed sparse row form (row pointers
/// and column indices, rows in order, columns ascending within a row) and, for the input gradient, the same positions
/// by column (column pointers, row indices, and where each entry sits in the row-ordered value array). The values
/// themselves are a separate tensor of <see cref="Nonzeros"/> entries, in row order, so an optimizer updates only them.
/// </summary>
public sealed class CsrPattern
{
    CsrPattern(int rows, int columns, int[] rowStarts, int[] columnIndices)
    {
        Rows = rows;
        Columns = columns;
        RowStarts = rowStarts;
        ColumnIndices = columnIndices;
        var counts = new int[columns + 1];
        foreach (var c in columnIndices) counts[c + 1]++;
        for (var c = 0; c < columns; c++) counts[c + 1] += counts[c];
        ColumnStarts = (int[])counts.Clone();
        RowIndices = new int[columnIndices.Length];
        ValueOfColumnEntry = new int[columnIndices.Length];
        var next = (int[])counts.Clone();
        for (var r = 0; r < rows; r++)
            for (var k = rowStarts[r]; k < rowStarts[r + 1]; k++)
            {
                var slot = next[columnIndices[k]]++;
                RowIndices[slot] = r;
                ValueOfColumnEntry[slot] = k;
            }
    }

    /// <summary>Output features (the weight's rows).</summary>
    public int Rows { get; }

    /// <summary>Input features (the weight's columns).</summary>
    public int Columns { get; }

    /// <summary>Row r's entries are <c>RowStarts[r] .. RowStarts[r + 1] - 1</c> of the value array; Rows + 1 entries.</summary>
    public int[] RowStarts { get; }

    /// <summary>The column of each entry of the value array.</summary>
    public int[] ColumnIndices { get; }

    /// <summary>Column c's entries are <c>ColumnStarts[c] .. ColumnStarts[c + 1] - 1</c> of <see cref="RowIndices"/>.</summary>
    public int[] ColumnStarts { get; }

    /// <summary>The row of each column-ordered entry.</summary>
    public int[] RowIndices { get; }

    /// <summary>Where each column-ordered entry sits in the (row-ordered) value array.</summary>
    public int[] ValueOfColumnEntry { get; }

    public int Nonzeros => ColumnIndices.Length;

    /// <summary>Fraction of the weight's entries that are structurally zero.</summary>
    public double Sparsity => 1.0 - (double)Nonzeros / ((long)Rows * Columns);

    /// <summary>The pattern of the nonzeros of a 0/1 (or boolean) <paramref name="mask"/> [out, in].</summary>
    public static CsrPattern FromMask(Tensor mask)
    {
        if (mask.dim() != 2) throw new ArgumentException($"expected a mask [out, in], got [{string.Join(", ", mask.shape)}]", nameof(mask));
        var rows = (int)mask.shape[0];
        var columns = (int)mask.shape[1];
        using var scope = NewDisposeScope();
        var kept = mask.detach().ne(0).cpu().contiguous().data<bool>().ToArray();
        var rowStarts = new int[rows + 1];
        var indices = new List<int>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
                if (kept[(long)r * columns + c]) indices.Add(c);
            rowStarts[r + 1] = indices.Count;
        }
        return new CsrPattern(rows, columns, rowStarts, [.. indices]);
    }

    /// <summary>The row-ordered values of <paramref name="dense"/> [out, in] at this pattern's positions: a new tensor [nnz].</summary>
    public Tensor Gather(Tensor dense)
    {
        CheckShape(dense);
        using var scope = NewDisposeScope();
        return dense.detach().reshape(-1).index_select(0, FlatIndices(dense.device)).MoveToOuterDisposeScope();
    }

    /// <summary>The dense weight [out, in] with <paramref name="values"/> [nnz] at this pattern's positions and zeros elsewhere.</summary>
    public Tensor Scatter(Tensor values)
    {
        if (values.dim() != 1 || values.shape[0] != Nonzeros)
            throw new ArgumentException($"expected {Nonzeros} values, got [{string.Join(", ", values.shape)}]", nameof(values));
        using var scope = NewDisposeScope();
        var dense = zeros((long)Rows * Columns, dtype: values.dtype, device: values.device);
        return dense.index_put_(values, FlatIndices(values.device)).view(Rows, Columns).MoveToOuterDisposeScope();
    }

    Tensor FlatIndices(Device device)
    {
        var flat = new long[Nonzeros];
        for (var r = 0; r < Rows; r++)
            for (var k = RowStarts[r]; k < RowStarts[r + 1]; k++) flat[k] = (long)r * Columns + ColumnIndices[k];
        return tensor(flat, device: device);
    }

    void CheckShape(Tensor dense)
    {
        if (dense.dim() != 2 || dense.shape[0] != Rows || dense.shape[1] != Columns)
            throw new ArgumentException($"expected [{Rows}, {Columns}], got [{string.Join(", ", dense.shape)}]", nameof(dense));
    }
}
