using Bench.Contracts;
using static TorchSharp.torch;

namespace Bench.Submissions.GrowLength;

/// <summary>
/// Cuts each window of a batch into equal contiguous pieces, in order: row <c>r</c>'s piece <c>j</c> becomes row
/// <c>r x pieces + j</c>, its tokens <c>j x length .. (j + 1) x length - 1</c> of the window, inputs and targets cut alike
/// (so every token keeps its target). The pieces' offsets in their windows are what <see cref="IPositionOffsetModel"/>
/// places them at.
/// </summary>
public static class WindowCuts
{
    /// <summary>
    /// <paramref name="batch"/> [rows, tokens] as [rows x pieces, tokens / pieces]. A piece's example id is its window's
    /// plus its start in the window: tinyshakespeare's ids are windows' start offsets in the training text, so a piece's
    /// id is its own start offset.
    /// </summary>
    public static Batch Cut(Batch batch, int pieces)
    {
        if (pieces == 1) return batch;
        var (rows, tokens) = (batch.Inputs.shape[0], batch.Inputs.shape[1]);
        if (pieces < 1 || tokens % pieces != 0)
            throw new ArgumentException($"cannot cut windows of {tokens} tokens into {pieces} equal pieces", nameof(pieces));
        var length = tokens / pieces;
        return new Batch(batch.Inputs.reshape(rows * pieces, length), batch.Targets.reshape(rows * pieces, length))
        {
            ExampleIds = batch.ExampleIds is null ? null
                : [.. batch.ExampleIds.SelectMany(id => Enumerable.Range(0, pieces).Select(j => id + j * length))],
        };
    }

    /// <summary>
    /// Each row's offset in its window, [rows] int64, for <paramref name="inputs"/> [rows, length] cut by <see cref="Cut"/>
    /// from windows of <paramref name="window"/> tokens: <c>(r mod pieces) x length</c>; all 0 for whole windows.
    /// A position-offset function (<see cref="IPositionOffsetModel.PositionOffsets"/>).
    /// </summary>
    public static Tensor Offsets(Tensor inputs, int window)
    {
        var (rows, length) = (inputs.shape[0], inputs.shape[1]);
        if (length < 1 || window % length != 0 || rows % (window / length) != 0)
            throw new ArgumentException($"{rows} rows of {length} tokens are not whole windows of {window} cut into equal pieces", nameof(inputs));
        using var row = arange(rows, dtype: ScalarType.Int64, device: inputs.device);
        using var piece = row.remainder(window / length);
        return piece.mul(length);
    }
}
