using Bench.Contracts;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Workloads.Tests.Common;

public class LayerFlopsTests
{
    public static TheoryData<string> Workloads => [.. WorkloadRegistry.All.Select(w => w.Id)];

    /// <summary>
    /// The FLOPs a transformer's named layers leave out: per block, the attention scores Q·Kᵀ and their weighted sum
    /// of V, each 2 x tokens x width per token, so 4 x tokens² x width per example. Read off the layers: every block
    /// has one attention input layer, of the block's width, run at each of the example's tokens.
    /// </summary>
    static double AttentionScores(IReplaceableLayers model) =>
        model.Layers.Where(l => l.Role == LayerRole.AttentionInput).Sum(l => 4.0 * l.PositionsPerExample * l.PositionsPerExample * l.Inputs);

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Three_times_the_dense_named_layers_plus_attention_scores_is_the_workloads_train_flops(string id)
    {
        var workload = WorkloadRegistry.Get(id);
        using var run = workload.Open(new RunContext(workload.Scale("smoke"), 0, TorchFixture.Cpu, TestData.Root));
        using var model = run.CreateModel();
        var layers = Assert.IsAssignableFrom<IReplaceableLayers>(model);

        // The convolutional and MLP workloads count exactly their layers, TransE its translation (an embedding bag,
        // (2 x 3 - 1) x d a triple, two triples an example); the transformers (tinyshakespeare's CharGpt, modadd's,
        // cifar10-vit's) count the attention scores as well, which are no layer's.
        var counted = LayerFlops.TrainPerForward * (LayerFlops.DenseForwardPerExample(layers) + AttentionScores(layers));
        Assert.Equal(run.TrainFlopsPerExample, counted, 1e-9 * run.TrainFlopsPerExample);
        Assert.Equal(LayerFlops.DenseForwardPerExample(layers), LayerFlops.ForwardPerExample(layers));
        Assert.Equal(run.TrainFlopsPerExample, LayerFlops.TrainFlopsPerExample(layers, run.TrainFlopsPerExample));
        Assert.Equal(id is "tinyshakespeare" or "modadd" or "cifar10-vit", AttentionScores(layers) > 0);
    }
}
