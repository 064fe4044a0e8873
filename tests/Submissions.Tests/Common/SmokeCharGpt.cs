using Bench.Contracts;
using Bench.Tests.Shared;
using Bench.Workloads;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Common;

/// <summary>
/// A smoke-scale tinyshakespeare run (2 blocks, width 64, context 32, 65 characters), its fresh model and the setup a
/// model-surgery submission's <c>Create</c> gets: the fixture of the wave-2 submissions' golden tests.
/// </summary>
public sealed class SmokeCharGpt : IDisposable
{
    static readonly IWorkload Workload = WorkloadRegistry.Get("tinyshakespeare");

    public readonly IWorkloadRun Run = Workload.Open(new RunContext(Workload.Scale("smoke"), 0, TorchFixture.Cpu, TestData.Root));
    public readonly nn.Module Model;

    /// <summary>The model built after seeding torch with <paramref name="seed"/>.</summary>
    public SmokeCharGpt(long seed)
    {
        torch.manual_seed(seed);
        Model = Run.CreateModel();
    }

    public IReplaceableLayers Layers => (IReplaceableLayers)Model;

    /// <summary><paramref name="submission"/>'s method on this model, with <paramref name="hyperparameters"/> (null: its defaults).</summary>
    public TrainingMethod Create(ISubmission submission, object? hyperparameters) =>
        submission.Create(new TrainingSetup("tinyshakespeare", Workload.Scale("smoke"), Workload.Baseline("smoke"), Model,
            TorchFixture.Cpu, new WorkloadAccess(Run, 0), hyperparameters is null ? null : Hyperparameters.Of(hyperparameters)));

    /// <summary>Copies of every parameter, by name, to compare after the surgery.</summary>
    public Dictionary<string, Tensor> Snapshot() =>
        Model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());

    /// <summary>Same shape and every element equal.</summary>
    public static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    public void Dispose()
    {
        Model.Dispose();
        Run.Dispose();
    }
}
