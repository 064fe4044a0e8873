using Bench.Contracts;
using Bench.Tests.Shared;
using Bench.Workloads;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Flip;

/// <summary>A smoke-scale cifar10-vit run (patch 4: 64 tokens, width 32, 2 blocks), its fresh ViT and flip's setup on it.</summary>
public sealed class SmokeVit : IDisposable
{
    public static readonly IWorkload Workload = WorkloadRegistry.Get("cifar10-vit");

    public readonly IWorkloadRun Run = Workload.Open(new RunContext(Workload.Scale("smoke"), 0, TorchFixture.Cpu, TestData.Root));
    public readonly nn.Module<Tensor, Tensor> Model;

    /// <summary>The model built after seeding torch with <paramref name="seed"/>.</summary>
    public SmokeVit(long seed)
    {
        torch.manual_seed(seed);
        Model = (nn.Module<Tensor, Tensor>)Run.CreateModel();
    }

    public ITokenDroppingModel Tokens => (ITokenDroppingModel)Model;

    public IReplaceableLayers Layers => (IReplaceableLayers)Model;

    /// <summary><paramref name="submission"/>'s method on this model for trial seed <paramref name="seed"/> (null hyperparameters: its defaults).</summary>
    public TrainingMethod Create(ISubmission submission, object? hyperparameters, int seed = 0) =>
        submission.Create(new TrainingSetup(Workload.Id, Workload.Scale("smoke"), Workload.Baseline("smoke"), Model,
            TorchFixture.Cpu, new WorkloadAccess(Run, seed), hyperparameters is null ? null : Hyperparameters.Of(hyperparameters)));

    public void Dispose()
    {
        Model.Dispose();
        Run.Dispose();
    }
}
