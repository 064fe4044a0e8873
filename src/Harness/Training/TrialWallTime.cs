namespace Bench.Harness.Training;

/// <summary>
/// Where one trial's wall time went, written into its manifest: the clock's training seconds and every part the clock
/// leaves out (process start-up, opening the data, warm-up, building the model, evaluation). In seconds; what is left of
/// <see cref="TotalSeconds"/> after the parts is the runner's own bookkeeping (seeding, disposal).
/// </summary>
public sealed record TrialWallTime
{
    /// <summary>
    /// From the process's start to the trial's: runtime and libtorch loading, reading the plan. A trial process runs one
    /// trial, so this is its start-up; in a process that runs several (<c>--in-process</c>) it includes the earlier ones.
    /// </summary>
    public double ProcessStartSeconds { get; init; }

    /// <summary>Opening the workload: locating, verifying (checksums) and reading or decoding the data. Not timed.</summary>
    public double DataOpenSeconds { get; init; }

    /// <summary>The untimed warm-up: a throwaway model and method set-up, and the warm-up steps.</summary>
    public double WarmupSeconds { get; init; }

    /// <summary>Building the trial's model (the workload's initialisation). Not timed.</summary>
    public double ModelBuildSeconds { get; init; }

    /// <summary>The clock's training seconds: the submission's set-up and the training steps (the row's <c>TrainSeconds</c>).</summary>
    public double TrainSeconds { get; init; }

    /// <summary>Evaluation, with the clock paused (the row's <c>EvalSeconds</c>).</summary>
    public double EvaluationSeconds { get; init; }

    /// <summary>The trial from start to end (after the process start-up), the parts above included.</summary>
    public double TotalSeconds { get; init; }
}
