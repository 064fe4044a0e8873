using Bench.Contracts;
using Bench.Tests.Shared;
using Bench.Workloads;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Mechanisms;

/// <summary>
/// The cpu-deep char-GPT (6 blocks, width 96, context 64, 65 characters), a growth submission's method on it, and the
/// harness's step loop through the method's hooks: the fixture of the staged-depth submissions' golden tests.
/// </summary>
public sealed class DeepCharGptRun : IDisposable
{
    static readonly IWorkload Workload = WorkloadRegistry.Get("tinyshakespeare");

    public readonly IWorkloadRun Run = Workload.Open(new RunContext(Workload.Scale("cpu-deep"), 0, TorchFixture.Cpu, TestData.Root));
    public readonly nn.Module Model;
    readonly IBatchSource batches;

    /// <summary>The model built after seeding torch with <paramref name="seed"/>.</summary>
    public DeepCharGptRun(long seed)
    {
        manual_seed(seed);
        Model = Run.CreateModel();
        batches = Run.TrainBatches(0);
    }

    public IReplaceableLayers Layers => (IReplaceableLayers)Model;

    /// <summary><paramref name="submission"/>'s method on this model, with <paramref name="hyperparameters"/> (null: its defaults).</summary>
    public TrainingMethod Create(ISubmission submission, object? hyperparameters = null) =>
        submission.Create(new TrainingSetup("tinyshakespeare", Workload.Scale("cpu-deep"), Workload.Baseline("cpu-deep"), Model,
            TorchFixture.Cpu, new WorkloadAccess(Run, 0), hyperparameters is null ? null : Hyperparameters.Of(hyperparameters)));

    /// <summary>A training batch of the method's size (made in the caller's dispose scope).</summary>
    public Batch NextBatch(TrainingMethod method) => batches.Next(method.BatchSize);

    /// <summary>One harness step <paramref name="step"/> through the hooks, in its own dispose scope; the training loss.</summary>
    public float Step(TrainingMethod method, long step)
    {
        using var scope = NewDisposeScope();
        var state = new TrainingState { StepHint = 1500, Step = step };
        var batch = method.TransformBatch(NextBatch(method), state);
        var loss = Run.Loss(method.Model, batch);
        method.Model.zero_grad();
        loss.backward();
        method.AfterBackward(state);
        method.OptimizerStep(state);
        method.AfterStep(state);
        return loss.item<float>();
    }

    /// <summary>Copies of every parameter, by name.</summary>
    public Dictionary<string, Tensor> Snapshot() =>
        Model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());

    public void Dispose()
    {
        Model.Dispose();
        Run.Dispose();
    }
}
