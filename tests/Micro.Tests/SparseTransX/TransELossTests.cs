using Bench.Micro.SparseTransX;
using Bench.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Micro.Tests.SparseTransX;

public class TransELossTests
{
    static readonly GraphSize Small = new("small", Entities: 30, Relations: 5, Dimensions: 16, BatchSize: 64);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void IncidenceMatmulGivesTheGatherLossAndGradients(int norm)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var batch = TripleBatch.Random(Small, seed: 3);
        var (gatheredLoss, gatheredGrad) = LossAndGradient(TransELoss.Gathered, batch, norm);
        var (incidenceLoss, incidenceGrad) = LossAndGradient(TransELoss.Incidence, batch, norm);

        Assert.Equal(gatheredLoss, incidenceLoss, 1e-5);
        Assert.True(gatheredGrad.abs().sum().item<float>() > 0, "the batch must produce a gradient");
        Assert.True(gatheredGrad.allclose(incidenceGrad, rtol: 0, atol: 1e-5), "max gradient difference " +
            $"{(gatheredGrad - incidenceGrad).abs().max().item<float>()}");
    }

    [Fact]
    public void IncidenceRowIsHeadPlusRelationMinusTail()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var triples = tensor(new long[] { 0, 1, 2, 2, 0, 2 }, [2, 3]);
        var dense = TransELoss.IncidenceMatrix(triples, entities: 3, rows: 5).to_dense();
        // Row 0: +1 entity 0, +1 relation 1 (row 3 + 1), -1 entity 2. Row 1: head = tail cancels.
        var expected = tensor(new float[] { 1, 0, -1, 0, 1, 0, 0, 0, 1, 0 }, [2, 5]);
        Assert.True(dense.allclose(expected, rtol: 0, atol: 0), string.Join(",", dense.data<float>().ToArray()));
    }

    static (double Loss, Tensor Gradient) LossAndGradient(Func<Tensor, int, TripleBatch, double, int, Tensor> loss, TripleBatch batch, int norm)
    {
        var embeddings = randn(Small.Entities + Small.Relations, Small.Dimensions, generator: new Generator(1)).requires_grad_();
        var value = loss(embeddings, Small.Entities, batch, 1.0, norm);
        value.backward();
        return (value.item<float>(), embeddings.grad!.detach().clone());
    }
}
