using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.Nino;

/// <summary>Hyperparameters of the linear nowcaster: checkpoints fitted, interval in steps, and how far ahead the line is read (in intervals).</summary>
public sealed record NinoHyperparameters(
    [property: Range(2, 1000)] int Checkpoints,
    [property: Range(1, long.MaxValue)] long IntervalSteps,
    [property: Range(0, 1000)] double Horizon);
