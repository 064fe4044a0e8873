using Bench.Submissions.Mechanisms;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Micro.SparseTransX;

/// <summary>
/// TransE's margin ranking loss, mean of max(0, margin + d(h + r - t) - d(h' + r - t')), computed two
/// ways over one stacked embedding matrix [entities + relations, d] (relation r is row entities + r):
/// <see cref="Gathered"/> looks rows up with index_select (its backward scatter-adds into the gradient),
/// <see cref="Incidence"/> multiplies a sparse batch incidence matrix (+1 head, +1 relation, -1 tail per
/// row) by the embedding matrix, as SparseTransX does. Entities are not renormalised here (the workload's
/// TransE normalises rows when it reads them); both variants compute exactly the same function.
/// </summary>
public static class TransELoss
{
    /// <summary>Baseline: three index_select gathers per triple set.</summary>
    public static Tensor Gathered(Tensor embeddings, int entities, TripleBatch batch, double margin, int norm)
    {
        Tensor Distances(Tensor triples)
        {
            var h = embeddings.index_select(0, triples.select(1, 0));
            var r = embeddings.index_select(0, triples.select(1, 1) + entities);
            var t = embeddings.index_select(0, triples.select(1, 2));
            return (h + r - t).norm(1, p: norm);
        }
        return nn.functional.relu(margin + Distances(batch.Positive) - Distances(batch.Negative)).mean();
    }

    /// <summary>SparseTransX: one sparse-dense matmul gives h + r - t for positives and negatives at once.</summary>
    public static Tensor Incidence(Tensor embeddings, int entities, TripleBatch batch, double margin, int norm)
    {
        var rows = batch.Positive.shape[0];
        var incidence = IncidenceMatrix(cat([batch.Positive, batch.Negative]), entities, embeddings.shape[0]);
        var distances = mm(incidence, embeddings).norm(1, p: norm);
        return nn.functional.relu(margin + distances.narrow(0, 0, rows) - distances.narrow(0, rows, rows)).mean();
    }

    /// <summary>
    /// The sparse COO matrix [triples, rows] with +1 at the head, +1 at the relation's row
    /// (<paramref name="entities"/> + r) and -1 at the tail of each triple (<see cref="BagIncidence"/>, which the
    /// sparsetransx submission builds the same way).
    /// </summary>
    public static Tensor IncidenceMatrix(Tensor triples, int entities, long rows) =>
        BagIncidence.Build(triples, [0, entities, 0], [1, 1, -1], rows);
}
