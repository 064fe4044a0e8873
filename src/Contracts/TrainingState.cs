using TorchSharp;

namespace Bench.Contracts;

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

    /// <summary>
    /// Training FLOPs spent so far: the examples of the harness's steps plus <see cref="ChargedExamples"/>, each priced at
    /// the method's <see cref="TrainingMethod.FlopsPerExample"/> when it was run (the workload's
    /// <see cref="IWorkloadRun.TrainFlopsPerExample"/> when the method reports none). FLOPs-to-target is this figure at
    /// the evaluation that met the target.
    /// </summary>
    public double Flops => (ExamplesSeen + ChargedExamples) * WorkloadFlopsPerExample + flopsBeyondWorkload;

    /// <summary>The workload's dense training FLOPs per example, the price of examples a method reports nothing for.</summary>
    internal double WorkloadFlopsPerExample { get; init; }

    /// <summary>The method's current price of an example (read by the harness at the start of each step); null: the workload's.</summary>
    internal double? MethodFlopsPerExample
    {
        get => methodFlopsPerExample;
        set => methodFlopsPerExample = value is null or (>= 0 and < double.PositiveInfinity) ? value
            : throw new InvalidOperationException($"the method reported {value} FLOPs per example; it must be a finite number >= 0 (or null " +
                "for the workload's figure)");
    }

    double? methodFlopsPerExample;

    // What the method's prices add to (or, for a cheaper step, take from) the workload's price: kept apart so a method
    // that reports nothing gets exactly the figure the workload's price alone gives.
    double flopsBeyondWorkload;

    /// <summary>Adds <paramref name="forwardBackwardExamples"/> example equivalents to <see cref="ChargedExamples"/>.</summary>
    public void Charge(double forwardBackwardExamples)
    {
        if (!(forwardBackwardExamples >= 0)) throw new ArgumentOutOfRangeException(nameof(forwardBackwardExamples), "charged work must be >= 0");
        ChargedExamples += forwardBackwardExamples;
        Price(forwardBackwardExamples);
    }

    /// <summary>Counts <paramref name="examples"/> trained by the harness's step.</summary>
    internal void AddExamples(int examples)
    {
        ExamplesSeen += examples;
        Price(examples);
    }

    void Price(double examples)
    {
        if (methodFlopsPerExample is { } price) flopsBeyondWorkload += (price - WorkloadFlopsPerExample) * examples;
    }

    /// <summary>The example equivalent of a forward pass alone (about a third of forward plus backward).</summary>
    public const double ForwardOnly = 1.0 / 3;
}
