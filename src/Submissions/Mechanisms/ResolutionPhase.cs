namespace Bench.Submissions.Mechanisms;

/// <summary>
/// One phase of a resolution schedule: the side the training images are resized to, the examples per step, the factor
/// on the baseline's learning rate, and the example count (of delivered examples since the trial began) at which it ends.
/// </summary>
public sealed record ResolutionPhase(int Side, int BatchSize, double LearningRateScale, double EndsAtExamples);
