using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;

namespace Bench.Submissions.SparseTransX;

/// <summary>
/// SparseTransX (Anik, Bhuiyan, Sahu and Azad, "SparseTransX: Efficient Training of Translation-Based Knowledge Graph
/// Embeddings Using Sparse Matrix Operations", arXiv 2502.16949): TransE's h + r − t for every triple of a batch as one
/// sparse-dense matmul of the batch incidence matrix (+1 head, +1 relation, −1 tail per row) by the stacked
/// [entities; relations] table, instead of gathers whose backward scatter-adds. The same function and gradients, so
/// the same steps; only the time per step can change. Everything else is the baseline's recipe.
/// </summary>
public sealed class SparseTransXSubmission : ISubmission
{
    public string Id => "sparsetransx";

    public string PaperId => "sparsetransx";

    public string Description => "TransE's h + r - t as one sparse incidence matmul (+1 h, +1 r, -1 t) per batch instead of gathers; baseline recipe otherwise";

    public WorkloadApplicability AppliesTo => Applicability.Only("kg-transe");

    /// <summary>The baseline's recipe: the method changes how the step is computed, not what is trained (see the card).</summary>
    public object DefaultHyperparameters(IWorkload workload, string scale) => workload.Baseline(scale);

    public TrainingMethod Create(TrainingSetup setup)
    {
        var recipe = setup.HyperparametersOr(() => setup.Baseline);
        var model = setup.Model as IReplaceableLayers
            ?? throw new ConfigException($"sparsetransx needs a model that lists its layers ({nameof(IReplaceableLayers)}); {setup.Model.GetName()} does not");
        var bags = Sparsify(model);
        if (bags.Count == 0)
            throw new ConfigException($"sparsetransx computes embedding bags by sparse matmul; {setup.Model.GetName()} has no " +
                $"{nameof(LayerKind.EmbeddingBag)} layer");
        // The optimizer is built after the surgery, over the same tables (the replacements wrap the layers).
        return BaselineSubmission.WithRecipe(setup, recipe);
    }

    /// <summary>
    /// Replaces every embedding-bag layer of <paramref name="model"/> by an <see cref="IncidenceEmbeddingBag"/> wrapping
    /// it (so the replaced layer is not disposed: its tables are the ones trained).
    /// </summary>
    public static IReadOnlyList<IncidenceEmbeddingBag> Sparsify(IReplaceableLayers model)
    {
        var replaced = new List<IncidenceEmbeddingBag>();
        foreach (var slot in model.Layers.Where(s => s.Kind == LayerKind.EmbeddingBag).ToList())
        {
            if (slot.Module is not IEmbeddingBag)
                throw new ConfigException($"sparsetransx: '{slot.Name}' is an embedding bag computed by {slot.Module.GetName()}, which does not say " +
                    $"its table ({nameof(IEmbeddingBag)})");
            var bag = new IncidenceEmbeddingBag(slot.Module);
            model.ReplaceLayer(slot.Name, bag);
            replaced.Add(bag);
        }
        return replaced;
    }
}
