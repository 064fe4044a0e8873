using TorchSharp;

namespace Bench.Harness.Contracts;

/// <summary>Read-only view of the loop that hooks may consult. The harness alone advances it.</summary>
public sealed class TrainingState
{
    /// <summary>Optimizer steps completed before the current one.</summary>
    public long Step { get; internal set; }

    /// <summary>Training examples consumed so far.</summary>
    public long ExamplesSeen { get; internal set; }

    /// <summary>The step budget: schedules that need a horizon decay to it (AlgoPerf's step hint).</summary>
    public long StepHint { get; internal init; }

    /// <summary>
    /// The current step's training loss (a scalar, valid from <c>AfterBackward</c> until the step ends; null
    /// before the first step). Methods that steer themselves by the loss (LR range test, on-the-fly LR
    /// search) read it here, so they never compute a loss of their own.
    /// </summary>
    public torch.Tensor? Loss { get; internal set; }
}
