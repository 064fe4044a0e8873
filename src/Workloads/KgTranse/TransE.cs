using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Workloads.KgTranse;

/// <summary>
/// TransE (Bordes et al. 2013): a relation is a translation, h + r ≈ t. Entities are L2-normalised
/// when used (the paper renormalises them every step); relations are initialised uniformly in
/// ±6/√d and normalised once, as in the paper. Forward returns the L1 or L2 distance ||h + r - t||.
/// </summary>
public sealed class TransE : nn.Module<Tensor, Tensor>
{
    readonly Embedding entities;
    readonly Embedding relations;
    readonly int norm;

    public TransE(int entityCount, int relationCount, int dimensions, int norm) : base(nameof(TransE))
    {
        if (norm is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(norm), "TransE uses the L1 or L2 norm");
        this.norm = norm;
        var bound = 6 / Math.Sqrt(dimensions);
        entities = nn.Embedding(entityCount, dimensions);
        relations = nn.Embedding(relationCount, dimensions);
        using (no_grad())
        {
            nn.init.uniform_(entities.weight!, -bound, bound);
            nn.init.uniform_(relations.weight!, -bound, bound);
            relations.weight!.div_(relations.weight!.norm(1, keepdim: true));
        }
        RegisterComponents();
    }

    /// <summary>Distances for triples [batch, 3] of (head, relation, tail) ids.</summary>
    public override Tensor forward(Tensor triples)
    {
        var h = Entity(triples.select(1, 0));
        var r = relations.forward(triples.select(1, 1));
        var t = Entity(triples.select(1, 2));
        return (h + r - t).norm(1, p: norm);
    }

    /// <summary>Distances [queries, entities] from each (h + r) or (t - r) query to every entity.</summary>
    public Tensor DistancesToAll(Tensor anchors, Tensor relationIds, bool predictTail)
    {
        var anchor = Entity(anchors);
        var r = relations.forward(relationIds);
        var query = predictTail ? anchor + r : anchor - r;
        var all = nn.functional.normalize(entities.weight!, p: 2, dim: 1);
        return cdist(query, all, p: norm);
    }

    Tensor Entity(Tensor ids) => nn.functional.normalize(entities.forward(ids), p: 2, dim: 1);
}
