using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.EfficientNetV2;

/// <summary>
/// Hyperparameters of EfficientNetV2's progressive learning (sources in the card): the first stage's image side, the
/// number of stages (sides spaced evenly up to the full side), and the dropout rate of the first and the last stage
/// (linear in between, the paper's Algorithm 1).
/// </summary>
public sealed record EfficientNetV2Hyperparameters(
    [property: Range(1, 4096, ErrorMessage = "smallest_side must be in [1, 4096] px: the image side of the first stage (16 for CIFAR-10's 32)")]
    int SmallestSide = EfficientNetV2Submission.SmallestSide,
    [property: Range(1, 16, ErrorMessage = "stages must be in [1, 16]: training stages, image side and dropout rising from one to the next")]
    int Stages = EfficientNetV2Submission.Stages,
    [property: Range(0.0, 1.0, MaximumIsExclusive = true, ErrorMessage = "dropout_start must be in [0, 1): the first stage's dropout rate before the head")]
    double DropoutStart = EfficientNetV2Submission.DropoutStart,
    [property: Range(0.0, 1.0, MaximumIsExclusive = true, ErrorMessage = "dropout_end must be in [0, 1): the last stage's dropout rate before the head")]
    double DropoutEnd = EfficientNetV2Submission.DropoutEnd);
