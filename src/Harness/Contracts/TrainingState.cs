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

    /// <summary>
    /// Training-example equivalents of work a method did outside the harness's steps (probe steps, a search's forward
    /// passes, BatchNorm re-estimation): a forward and backward pass of one example counts 1, a forward pass alone 1/3.
    /// Examples-, steps- and FLOPs-to-target include it, so step-judged verdicts charge the method for it.
    /// </summary>
    public double ChargedExamples { get; private set; }

    /// <summary>Adds <paramref name="forwardBackwardExamples"/> example equivalents to <see cref="ChargedExamples"/>.</summary>
    public void Charge(double forwardBackwardExamples)
    {
        if (!(forwardBackwardExamples >= 0)) throw new ArgumentOutOfRangeException(nameof(forwardBackwardExamples), "charged work must be >= 0");
        ChargedExamples += forwardBackwardExamples;
    }

    /// <summary>The example equivalent of a forward pass alone (about a third of forward plus backward).</summary>
    public const double ForwardOnly = 1.0 / 3;
}
