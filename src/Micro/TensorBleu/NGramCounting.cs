namespace Bench.Micro.TensorBleu;

/// <summary>How <see cref="VectorizedBleu"/> counts n-grams per sentence.</summary>
public enum NGramCounting
{
    /// <summary>
    /// TensorBLEU's: <c>unique(dim: 0)</c> over the batch's n-gram rows gives a compact dictionary of U
    /// entries; sentence i's ids are offset by i x U and one <c>bincount</c> counts batch x U bins.
    /// </summary>
    TensorBleu,

    /// <summary>
    /// Each (sentence, n-gram) read as one int64 key (n-gram ids in base vocabulary; dictionary ids when
    /// that would overflow), then a flat <c>unique</c> and a <c>bincount</c> with one bin per distinct
    /// pair. Avoids both the row-wise unique, slow in libtorch on a CPU, and the batch x U bins.
    /// </summary>
    PackedKeys,
}
