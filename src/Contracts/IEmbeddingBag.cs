using TorchSharp;

namespace Bench.Contracts;

/// <summary>
/// Implemented by a layer of kind <see cref="LayerKind.EmbeddingBag"/>: for ids <c>[batch, bag]</c> it computes
/// <c>out[i] = Σ_j Signs[j] · Table()[Offsets[j] + ids[i, j]]</c>. It says which table and which signs, so a method can
/// compute the same map another way (one sparse-dense matmul of a batch incidence matrix by the table, SparseTransX)
/// without knowing the model's parameters: such a replacement wraps the layer and reads its table.
/// </summary>
public interface IEmbeddingBag
{
    /// <summary>
    /// The table <c>[rows, out]</c> the layer reads, as a differentiable function of the layer's parameters (TransE: its
    /// L2-normalised entity rows over its relation rows). Every row, so it costs a pass over the table.
    /// </summary>
    torch.Tensor Table();

    /// <summary>Per bag position j, the table row that position's ids count from (TransE: 0, entities, 0).</summary>
    IReadOnlyList<long> Offsets { get; }

    /// <summary>Per bag position j, the sign (or weight) of its row in the sum (TransE: +1, +1, −1).</summary>
    IReadOnlyList<double> Signs { get; }
}
