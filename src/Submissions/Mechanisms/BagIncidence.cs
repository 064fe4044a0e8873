using static TorchSharp.torch;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// The sparse batch incidence matrix of SparseTransX (arXiv 2502.16949): for ids [n, bag], the COO matrix
/// [n, columns] whose row i holds sign j at column offset j + ids[i, j] for each bag position j, so that its product
/// with a table [columns, d] is each row's signed sum of table rows. For TransE (offsets 0, entities, 0; signs +1, +1,
/// −1) a row is +1 at the head, +1 at the relation's row and −1 at the tail, and the product is h + r − t. Shared by the
/// SparseTransX micro-benchmark and submission.
/// </summary>
public static class BagIncidence
{
    /// <summary>
    /// The incidence matrix of <paramref name="ids"/> [n, bag] (int64) with one <paramref name="offsets"/> and
    /// <paramref name="signs"/> entry per bag position, <paramref name="columns"/> wide, values of <paramref name="dtype"/>.
    /// Entries are listed position by position (all heads, then all relations, then all tails), uncoalesced: a head equal
    /// to its tail gives two entries that the product sums to zero.
    /// </summary>
    public static Tensor Build(Tensor ids, IReadOnlyList<long> offsets, IReadOnlyList<double> signs, long columns, ScalarType dtype = ScalarType.Float32)
    {
        if (ids.dim() != 2 || ids.shape[1] != offsets.Count || offsets.Count != signs.Count)
            throw new ArgumentException($"expected ids [n, {offsets.Count}] for {offsets.Count} offsets and {signs.Count} signs, got " +
                $"[{string.Join(", ", ids.shape)}]",
                nameof(ids));
        using var scope = NewDisposeScope();
        var count = ids.shape[0];
        var row = arange(count, dtype: ScalarType.Int64, device: ids.device);
        var rows = cat(Enumerable.Repeat(row, offsets.Count).ToList());
        var cols = cat(Enumerable.Range(0, offsets.Count).Select(j => offsets[j] == 0 ? ids.select(1, j) : ids.select(1, j) + offsets[j]).ToList());
        var values = cat(signs.Select(s => full(count, s, dtype: dtype, device: ids.device)).ToList());
        return sparse_coo_tensor(stack([rows, cols]), values, [count, columns]).MoveToOuterDisposeScope();
    }
}
