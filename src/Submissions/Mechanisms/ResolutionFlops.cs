using Bench.Contracts;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// Training FLOPs of one example of a convolutional model with global pooling when its input is resized: every
/// convolution's output grid shrinks with the image's area, the head (after global pooling) does not. Priced from the
/// model's named layers (<see cref="IReplaceableLayers"/>), in the workload's terms (its figure at the full side).
/// </summary>
public static class ResolutionFlops
{
    /// <summary>
    /// The workload's <paramref name="workloadTrainFlopsPerExample"/> (at <paramref name="fullSide"/>) with each convolution's
    /// training cost scaled by (side / fullSide)². Throws when a convolution's grid does not scale to whole positions (the
    /// side does not halve evenly through the model's pooling), where the formula would not be the count the model runs.
    /// </summary>
    public static double TrainFlopsPerExample(IReplaceableLayers model, double workloadTrainFlopsPerExample, int fullSide, int side)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(side, 1);
        var ratio = side / (double)fullSide;
        double convolutions = 0;
        foreach (var slot in model.Layers.Where(s => s.Kind == LayerKind.Conv2d))
        {
            var grid = Math.Sqrt(slot.PositionsPerExample) * ratio;
            if (Math.Abs(grid - Math.Round(grid)) > 1e-9)
                throw new ArgumentException($"at {side} px the grid of '{slot.Name}' would be {grid:G4} positions a side: the side must halve " +
                    $"evenly through the model's pooling (a multiple of {fullSide / Math.Sqrt(slot.PositionsPerExample):G4})", nameof(side));
            convolutions += slot.PositionsPerExample * LayerFlops.TrainPerPosition(slot);
        }
        return workloadTrainFlopsPerExample + (ratio * ratio - 1) * convolutions;
    }
}
