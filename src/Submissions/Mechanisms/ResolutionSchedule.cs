namespace Bench.Submissions.Mechanisms;

/// <summary>
/// A sequence of <see cref="ResolutionPhase"/>s over the examples a trial trains on (multigrid's long cycles, EfficientNetV2's
/// progressive stages): the phase of a step is the first whose end lies beyond the examples seen before it; the last phase
/// goes on past its end. Pure data, so the paper-specific builders and their golden tests need no model.
/// </summary>
public sealed class ResolutionSchedule
{
    /// <summary>The phases in order; their ends strictly increase.</summary>
    public IReadOnlyList<ResolutionPhase> Phases { get; }

    public ResolutionSchedule(IReadOnlyList<ResolutionPhase> phases)
    {
        if (phases.Count == 0) throw new ArgumentException("a resolution schedule needs at least one phase", nameof(phases));
        for (var i = 0; i < phases.Count; i++)
        {
            var p = phases[i];
            if (p.Side < 1 || p.BatchSize < 1 || !(p.LearningRateScale > 0) || !(p.EndsAtExamples > (i == 0 ? 0 : phases[i - 1].EndsAtExamples)))
                throw new ArgumentException($"phase {i} ({p}) needs a side and batch >= 1, a learning-rate scale > 0 and an end after the previous one",
                    nameof(phases));
        }
        Phases = phases;
    }

    /// <summary>The examples the schedule is planned for: the end of its last phase.</summary>
    public double TotalExamples => Phases[^1].EndsAtExamples;

    /// <summary>The index of the phase a step starting after <paramref name="examplesSeen"/> examples trains in.</summary>
    public int PhaseAt(double examplesSeen)
    {
        for (var i = 0; i < Phases.Count; i++)
            if (examplesSeen < Phases[i].EndsAtExamples) return i;
        return Phases.Count - 1;
    }

    /// <summary>
    /// <paramref name="count"/> sides spaced evenly from <paramref name="smallest"/> to <paramref name="full"/> (both included;
    /// EfficientNetV2's Algorithm 1 interpolates linearly), rounded to whole pixels; one side is <paramref name="full"/> alone.
    /// </summary>
    public static int[] EvenSides(int smallest, int full, int count) =>
        count == 1 ? [full]
        : [.. Enumerable.Range(0, count).Select(i => (int)Math.Round(smallest + (full - smallest) * (double)i / (count - 1), MidpointRounding.AwayFromZero))];

    /// <summary>
    /// The batch that keeps a step's pixels at <paramref name="baseBatch"/> images of side <paramref name="fullSide"/> when the
    /// images have side <paramref name="side"/>: baseBatch x (full / side)², rounded (multigrid's inverse scaling).
    /// </summary>
    public static int BatchForSide(int baseBatch, int fullSide, int side) =>
        (int)Math.Round(baseBatch * (fullSide / (double)side) * (fullSide / (double)side), MidpointRounding.AwayFromZero);
}
