using Bench.Contracts;
using Bench.Workloads.Common;
using static TorchSharp.torch;

namespace Bench.Workloads.KgTranse;

/// <summary>
/// TransE (Bordes et al. 2013): a relation is a translation, h + r ≈ t. Entities are L2-normalised
/// when used (the paper renormalises them every step); relations are initialised uniformly in
/// ±6/√d and normalised once, as in the paper. Forward returns the L1 or L2 distance ||h + r - t||.
/// Its one named layer is the translation h + r - t (<see cref="Translation"/>, an embedding bag), which a method may
/// compute another way as long as it trains the same tables (evaluation scores with them).
/// </summary>
public sealed class TransE : nn.Module<Tensor, Tensor>, IReplaceableLayers
{
    const string TranslationName = "translation";

    // The tables; evaluation reads them directly. Registered only through `translation` (itself or a wrapper of it).
    readonly Translation tables;
    nn.Module<Tensor, Tensor> translation;
    readonly int norm;
    readonly int entityCount;
    readonly int relationCount;
    readonly int dimensions;

    public TransE(int entityCount, int relationCount, int dimensions, int norm) : base(nameof(TransE))
    {
        if (norm is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(norm), "TransE uses the L1 or L2 norm");
        this.norm = norm;
        (this.entityCount, this.relationCount, this.dimensions) = (entityCount, relationCount, dimensions);
        tables = new Translation(entityCount, relationCount, dimensions);
        translation = tables;
        // Registered by hand: RegisterComponents would register the tables twice (as `tables` and `translation`).
        register_module(TranslationName, translation);
    }

    /// <summary>Distances for triples [batch, 3] of (head, relation, tail) ids.</summary>
    public override Tensor forward(Tensor triples) => translation.forward(triples).norm(1, p: norm);

    /// <summary>Distances [queries, entities] from each (h + r) or (t - r) query to every entity.</summary>
    public Tensor DistancesToAll(Tensor anchors, Tensor relationIds, bool predictTail)
    {
        var anchor = tables.Entity(anchors);
        var r = tables.Relations.forward(relationIds);
        var query = predictTail ? anchor + r : anchor - r;
        var all = nn.functional.normalize(tables.Entities.weight!, p: 2, dim: 1);
        return cdist(query, all, p: norm);
    }

    /// <summary>
    /// The translation h + r - t: an embedding bag of (h, r, t) over [entities; relations], applied twice per training
    /// example (the true triple and its corruption).
    /// </summary>
    public IReadOnlyList<LayerSlot> Layers =>
    [
        new(TranslationName, LayerKind.EmbeddingBag, LayerRole.Embedding, entityCount + relationCount, dimensions, KernelSize: 3,
            PositionsPerExample: 2, translation),
    ];

    /// <summary>
    /// Replaces the translation. The replacement must train exactly the translation's tables (wrap the layer, as an
    /// SpMM over its <see cref="IEmbeddingBag.Table"/> does): evaluation ranks with those tables, so new ones would
    /// never be scored.
    /// </summary>
    public nn.Module<Tensor, Tensor> ReplaceLayer(string name, nn.Module<Tensor, Tensor> replacement)
    {
        var slot = LayerSurgery.Find(this, name);
        var own = tables.parameters().Select(p => p.Handle).ToList();
        if (!replacement.parameters().Select(p => p.Handle).SequenceEqual(own))
            throw new ArgumentException(
                $"the replacement for '{name}' must train TransE's own tables (wrap the layer and read its {nameof(IEmbeddingBag.Table)}), " +
                    "not parameters of its own: evaluation ranks with the tables", nameof(replacement));
        LayerSurgery.Prepare(slot, replacement);
        translation = replacement;
        LayerSurgery.Register(this, TranslationName, replacement);
        return slot.Module;
    }
}
