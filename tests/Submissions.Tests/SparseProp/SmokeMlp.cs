using Bench.Contracts;
using Bench.Tests.Shared;
using Bench.Workloads;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.SparseProp;

/// <summary>A fashion-mnist run (smoke: 784-128-10; cpu: 784-256-256-10), its fresh MLP and the setup a model-surgery submission's <c>Create</c>
/// gets.</summary>
public sealed class SmokeMlp : IDisposable
{
    static readonly IWorkload Workload = WorkloadRegistry.Get("fashion-mnist");
    readonly string scale;

    public readonly IWorkloadRun Run;
    public readonly nn.Module Model;

    /// <summary>The model built after seeding torch with <paramref name="seed"/>.</summary>
    public SmokeMlp(long seed, string scale = "smoke")
    {
        this.scale = scale;
        Run = Workload.Open(new RunContext(Workload.Scale(scale), 0, TorchFixture.Cpu, TestData.Root));
        manual_seed(seed);
        Model = Run.CreateModel();
    }

    public IReplaceableLayers Layers => (IReplaceableLayers)Model;

    /// <summary><paramref name="submission"/>'s method on this model, with <paramref name="hyperparameters"/> (null: its defaults).</summary>
    public TrainingMethod Create(ISubmission submission, object? hyperparameters = null) =>
        submission.Create(new TrainingSetup("fashion-mnist", Workload.Scale(scale), Workload.Baseline(scale), Model,
            TorchFixture.Cpu, new WorkloadAccess(Run, 0), hyperparameters is null ? null : Hyperparameters.Of(hyperparameters)));

    public void Dispose()
    {
        Model.Dispose();
        Run.Dispose();
    }
}
