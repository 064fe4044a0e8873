namespace Bench.Contracts;

/// <summary>
/// One paper's method (or the baseline). It never sees the clock or the evaluation data: it
/// builds a <see cref="TrainingMethod"/> that the harness calls at fixed points of its loop.
/// </summary>
public interface ISubmission
{
    /// <summary>Registry id, e.g. <c>baseline</c>.</summary>
    string Id { get; }

    /// <summary>Row of the paper registry this submission implements (<c>baseline</c> for the baseline).</summary>
    string PaperId { get; }

    /// <summary>How much of the paper this implements (its card says what is missing); tables mark partial and proxy rows.</summary>
    Fidelity Fidelity => Fidelity.Faithful;

    /// <summary>One line for listings.</summary>
    string Description { get; }

    /// <summary>The workloads the method is set up for, by registry id (checked against the registry by a test).</summary>
    WorkloadApplicability AppliesTo { get; }

    /// <summary>Null when the method applies to <paramref name="workload"/>, otherwise why not.</summary>
    string? NotApplicableReason(IWorkload workload) => AppliesTo.ReasonAgainst(workload.Id);

    /// <summary>
    /// The submission's hyperparameters at <paramref name="scale"/> of <paramref name="workload"/>: one record (serialised
    /// with snake_case names) whose values the user may override (<c>--hparam name=value</c>) and <c>repro tune</c> searches.
    /// The harness resolves them and hands them to <see cref="Create"/> in <see cref="TrainingSetup.Hyperparameters"/>.
    /// </summary>
    object DefaultHyperparameters(IWorkload workload, string scale) => NoHyperparameters.Instance;

    /// <summary>Prepares the model (in place or by replacing it) and builds optimizer and hooks.</summary>
    TrainingMethod Create(TrainingSetup setup);
}
