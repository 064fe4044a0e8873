namespace Bench.Contracts;

/// <summary>
/// The training split as the workload stores it before decoding: one encoded file per example (a JPEG, a raw record),
/// its label, the decoder, and the standardisation that turns decoded pixels into the workload's inputs. Row <c>i</c> is
/// example id <c>i</c> of <see cref="IWorkloadRun.TrainingSplit"/>, and decoding example <c>i</c> and standardising it
/// gives exactly that row: <c>(pixels / 255 - Mean[c]) / Std[c]</c> per channel <c>c</c> (the first dimension of
/// <see cref="DecodedShape"/>), in float32. For a method that changes how data is loaded (a data-pipeline paper
/// comparing a per-image loader with a pre-decoded store) and so has to start from the files, not the decoded tensors.
/// The files belong to the run: read them, never change them.
/// </summary>
public abstract class EncodedSplit
{
    /// <summary>Number of examples.</summary>
    public abstract int Count { get; }

    /// <summary>What the files are and what decodes them (for cards and manifests), e.g. <c>JPEG (SkiaSharp 3.119.0)</c>.</summary>
    public abstract string Format { get; }

    /// <summary>The shape of one decoded example, uint8 in row-major order, e.g. <c>[3, 32, 32]</c> (channels first).</summary>
    public abstract IReadOnlyList<long> DecodedShape { get; }

    /// <summary>Per-channel mean of <c>pixels / 255</c> the workload standardises with.</summary>
    public abstract IReadOnlyList<float> Mean { get; }

    /// <summary>Per-channel standard deviation of <c>pixels / 255</c> the workload standardises with.</summary>
    public abstract IReadOnlyList<float> Std { get; }

    /// <summary>The stored bytes of example <paramref name="index"/>'s file (the run's own array: read only).</summary>
    public abstract byte[] File(int index);

    /// <summary>The class label of example <paramref name="index"/>.</summary>
    public abstract long Label(int index);

    /// <summary>Decodes <paramref name="file"/> (one of <see cref="File"/>) into <paramref name="pixels"/> (the size of <see cref="DecodedShape"/>).</summary>
    public abstract void Decode(byte[] file, Span<byte> pixels);

    /// <summary>Bytes of one decoded example: the product of <see cref="DecodedShape"/>.</summary>
    public int DecodedBytes => (int)DecodedShape.Aggregate(1L, (a, b) => a * b);
}
