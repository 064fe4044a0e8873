using Bench.Contracts;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Workloads.KgTranse;

/// <summary>
/// TransE's replaceable layer: triples [batch, 3] of (head, relation, tail) ids to h + r - t [batch, d], with entity
/// rows L2-normalised as they are read. Computed by gathers (embedding lookups, whose backward scatter-adds into the
/// tables); as an <see cref="IEmbeddingBag"/> it is the bag (h, r, t) with signs (+1, +1, -1) over the table
/// [normalised entities; relations], which a method may compute another way (SparseTransX's one sparse matmul).
/// </summary>
public sealed class Translation : nn.Module<Tensor, Tensor>, IEmbeddingBag
{
    readonly Embedding entities;
    readonly Embedding relations;

    /// <summary>
    /// Entities and relations uniform in ±6/√d, relations then normalised once, as in the TransE paper (entities are
    /// normalised when used).
    /// </summary>
    public Translation(int entityCount, int relationCount, int dimensions) : base(nameof(Translation))
    {
        var bound = 6 / Math.Sqrt(dimensions);
        entities = nn.Embedding(entityCount, dimensions);
        relations = nn.Embedding(relationCount, dimensions);
        using (no_grad())
        {
            nn.init.uniform_(entities.weight!, -bound, bound);
            nn.init.uniform_(relations.weight!, -bound, bound);
            relations.weight!.div_(relations.weight!.norm(1, keepdim: true));
        }
        Offsets = [0, entityCount, 0];
        RegisterComponents();
    }

    /// <summary>The entity table [entities, d], unnormalised (the parameter).</summary>
    public Embedding Entities => entities;

    /// <summary>The relation table [relations, d].</summary>
    public Embedding Relations => relations;

    /// <summary>h + r - t for each triple, h and t L2-normalised.</summary>
    public override Tensor forward(Tensor triples)
    {
        var h = Entity(triples.select(1, 0));
        var r = relations.forward(triples.select(1, 1));
        var t = Entity(triples.select(1, 2));
        return h + r - t;
    }

    /// <summary>The L2-normalised rows of <paramref name="ids"/>.</summary>
    public Tensor Entity(Tensor ids) => nn.functional.normalize(entities.forward(ids), p: 2, dim: 1);

    /// <summary>[every entity L2-normalised; every relation]: the rows the bag's ids count in (relation r at entities + r).</summary>
    public Tensor Table() => cat([nn.functional.normalize(entities.weight!, p: 2, dim: 1), relations.weight!]);

    /// <summary>Heads and tails count from row 0, relations from the entity count.</summary>
    public IReadOnlyList<long> Offsets { get; }

    /// <summary>h + r - t.</summary>
    public IReadOnlyList<double> Signs { get; } = [1, 1, -1];
}
