using Bench.Contracts;
using Bench.Submissions.Mechanisms;
using static TorchSharp.torch;

namespace Bench.Submissions.SparseTransX;

/// <summary>
/// An embedding bag (<see cref="LayerKind.EmbeddingBag"/>) computed as SparseTransX computes TransE's h + r − t: one
/// sparse-dense matmul of the batch's incidence matrix (<see cref="BagIncidence"/>) by the wrapped layer's whole table,
/// instead of a gather per bag position and their sums. The backward is libtorch's sparse mm backward, incidenceᵀ·dOut:
/// a dense gradient of the table, flowing into the wrapped layer's parameters. It wraps the layer it replaces, so it
/// trains the same parameters, and is an <see cref="IEmbeddingBag"/> with the same table, offsets and signs.
/// </summary>
public sealed class IncidenceEmbeddingBag : nn.Module<Tensor, Tensor>, IEmbeddingBag
{
    // Held once, as a module (registered), and cast to its bag when read: a second field of the same object would
    // register its parameters twice.
    readonly nn.Module<Tensor, Tensor> layer;

    /// <summary>Computes <paramref name="layer"/>'s map (it must be an <see cref="IEmbeddingBag"/>) by incidence matmul.</summary>
    public IncidenceEmbeddingBag(nn.Module<Tensor, Tensor> layer) : base(nameof(IncidenceEmbeddingBag))
    {
        if (layer is not IEmbeddingBag)
            throw new ArgumentException($"{layer.GetName()} is not an embedding bag ({nameof(IEmbeddingBag)})", nameof(layer));
        this.layer = layer;
        RegisterComponents();
    }

    IEmbeddingBag Bag => (IEmbeddingBag)layer;

    /// <summary>The incidence matrix of <paramref name="ids"/> [n, bag] times the table: [n, out].</summary>
    public override Tensor forward(Tensor ids)
    {
        var table = Bag.Table();
        return mm(BagIncidence.Build(ids, Bag.Offsets, Bag.Signs, table.shape[0], table.dtype), table);
    }

    public Tensor Table() => Bag.Table();

    public IReadOnlyList<long> Offsets => Bag.Offsets;

    public IReadOnlyList<double> Signs => Bag.Signs;
}
