using TorchSharp;

namespace Bench.Contracts;

/// <summary>Read-only view of the loop that hooks may consult. The harness alone advances it.</summary>
public sealed class TrainingState
{
    /// <summary>Optimizer steps completed before the current one.</summary>
    public long Step { get; internal set; }

    /// <summary>
    /// Training examples delivered so far: every example the method's batch source (<see cref="TrainingMethod.TrainBatches"/>)
    /// gave a step, counted before <see cref="TrainingMethod.TransformBatch"/>. So a method that reshapes a batch (cuts windows
    /// into shorter ones, resizes images) keeps the workload's count, and one that leaves examples out of the step
    /// (<see cref="SkipTraining"/>) still counts them as seen.
    /// </summary>
    public long ExamplesSeen { get; internal set; }

    /// <summary>Delivered examples the method left out of the steps' forward and backward passes (<see cref="SkipTraining"/>).</summary>
    public long ExamplesSkipped { get; private set; }

    /// <summary>Forward passes over delivered examples a method ran to score them (<see cref="ChargeScoring"/>).</summary>
    public double ExamplesScored { get; private set; }

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

    /// <summary>
    /// The method took <paramref name="examples"/> of the current step's delivered examples out of the batch before the
    /// forward pass (data selection): they stay in <see cref="ExamplesSeen"/>, and their training FLOPs are not charged. Call
    /// it from <see cref="TrainingMethod.TransformBatch"/>; the harness fails the trial if a step skips more than it delivered.
    /// </summary>
    public void SkipTraining(int examples)
    {
        if (examples < 0) throw new ArgumentOutOfRangeException(nameof(examples), "skipped examples must be >= 0");
        ExamplesSkipped += examples;
        PriceUncounted(-examples);
    }

    /// <summary>
    /// Charges forward passes the method ran over <paramref name="forwardExamples"/> of the delivered examples to score or
    /// select them (per-example losses, a predictor's scores): priced in <see cref="Flops"/> at <see cref="ForwardOnly"/>
    /// of an example each. They are not extra examples (the examples were delivered once), so unlike <see cref="Charge"/>
    /// they add nothing to examples- or steps-to-target; the time they take is on the clock.
    /// </summary>
    public void ChargeScoring(double forwardExamples)
    {
        if (!(forwardExamples >= 0)) throw new ArgumentOutOfRangeException(nameof(forwardExamples), "scored examples must be >= 0");
        ExamplesScored += forwardExamples;
        PriceUncounted(forwardExamples * ForwardOnly);
    }

    /// <summary>Counts <paramref name="examples"/> delivered to the harness's step.</summary>
    internal void AddExamples(int examples)
    {
        ExamplesSeen += examples;
        Price(examples);
    }

    // Examples counted in ExamplesSeen or ChargedExamples, which Flops already prices at the workload's figure.
    void Price(double examples)
    {
        if (methodFlopsPerExample is { } price) flopsBeyondWorkload += (price - WorkloadFlopsPerExample) * examples;
    }

    // Work outside those counts (skipped examples refunded, scoring passes) at the method's price in full.
    void PriceUncounted(double examples) => flopsBeyondWorkload += (methodFlopsPerExample ?? WorkloadFlopsPerExample) * examples;

    /// <summary>The example equivalent of a forward pass alone (about a third of forward plus backward).</summary>
    public const double ForwardOnly = 1.0 / 3;
}
