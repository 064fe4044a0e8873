using Bench.Contracts;
using Bench.Tests.Shared;
using Bench.Workloads;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Cuttlefish;

/// <summary>
/// A smoke-scale cifar10 run (SmallResNet of widths 8-16-32), its fresh model and the setup cuttlefish's
/// <c>Create</c> gets.
/// </summary>
public sealed class SmokeResNet : IDisposable
{
    static readonly IWorkload Workload = WorkloadRegistry.Get("cifar10");

    public readonly IWorkloadRun Run = Workload.Open(new RunContext(Workload.Scale("smoke"), 0, TorchFixture.Cpu, TestData.Root));
    public readonly nn.Module<Tensor, Tensor> Model;

    /// <summary>The model built after seeding torch with <paramref name="seed"/>.</summary>
    public SmokeResNet(long seed)
    {
        manual_seed(seed);
        Model = (nn.Module<Tensor, Tensor>)Run.CreateModel();
    }

    public IReplaceableLayers Layers => (IReplaceableLayers)Model;

    /// <summary><paramref name="submission"/>'s method on this model, with <paramref name="hyperparameters"/> (null: its defaults).</summary>
    public TrainingMethod Create(ISubmission submission, object? hyperparameters) =>
        submission.Create(new TrainingSetup("cifar10", Workload.Scale("smoke"), Workload.Baseline("smoke"), Model,
            TorchFixture.Cpu, new WorkloadAccess(Run, 0), hyperparameters is null ? null : Hyperparameters.Of(hyperparameters)));

    public LayerSlot Slot(string name) => Layers.Layers.Single(s => s.Name == name);

    /// <summary>
    /// Sets the dense weight of layer <paramref name="name"/> to a matrix [out, -1] with <paramref name="rank"/> unit
    /// singular values (the first rows of the identity), so its stable rank is exactly <paramref name="rank"/>.
    /// </summary>
    public void SetStableRank(string name, int rank)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var weight = Bench.Submissions.Cuttlefish.CuttlefishSubmission.DenseWeight(Slot(name))
            ?? throw new InvalidOperationException($"{name} is not dense");
        var rows = weight.shape[0];
        var matrix = zeros(rows, weight.numel() / rows);
        for (var i = 0; i < rank; i++) matrix[i, i] = tensor(1f);
        weight.copy_(matrix.reshape(weight.shape));
    }

    public void Dispose()
    {
        Model.Dispose();
        Run.Dispose();
    }
}
