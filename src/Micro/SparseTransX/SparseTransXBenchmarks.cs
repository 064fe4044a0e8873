using Bench.Harness.Torch;
using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Micro.SparseTransX;

/// <summary>
/// SparseTransX (paper id <c>sparsetransx</c>, claims up to 5.3x on CPU): one TransE training step's
/// forward and backward (margin ranking loss, L1 distance, one corruption per triple) with index_select
/// gathers and their scatter-add gradient, against one sparse-dense matmul with the batch incidence matrix
/// (built inside the step, as the paper builds it per batch). The optimizer update is left out: it is the
/// same for both. Gradient w.r.t. the embedding matrix flows through libtorch's sparse mm backward
/// (incidenceᵀ·dOut), checked equal to the gather version in the tests.
/// </summary>
[Papers("sparsetransx")]
public class SparseTransXBenchmarks
{
    const double Margin = 1.0;
    const int Norm = 1;

    Tensor embeddings = null!;
    TripleBatch batch = null!;

    public static IEnumerable<GraphSize> Sizes => [GraphSize.Umls, GraphSize.Wn18rr, GraphSize.Wn18rrLargeBatch];

    [ParamsSource(nameof(Sizes))]
    public GraphSize Graph { get; set; } = GraphSize.Umls;

    [GlobalSetup]
    public void Setup()
    {
        TorchSetup.Initialize("cpu", threads: 2);
        using (no_grad())
            embeddings = (randn(Graph.Entities + Graph.Relations, Graph.Dimensions, generator: new Generator(0))
                / Math.Sqrt(Graph.Dimensions)).requires_grad_();
        batch = TripleBatch.Random(Graph, seed: 0);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        embeddings.Dispose();
        batch.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void GatherScatter() => Step(TransELoss.Gathered);

    [Benchmark]
    public void SparseIncidence() => Step(TransELoss.Incidence);

    void Step(Func<Tensor, int, TripleBatch, double, int, Tensor> loss)
    {
        using var scope = NewDisposeScope();
        embeddings.grad?.zero_();
        loss(embeddings, Graph.Entities, batch, Margin, Norm).backward();
    }
}
