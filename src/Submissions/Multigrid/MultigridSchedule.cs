using Bench.Submissions.Mechanisms;

namespace Bench.Submissions.Multigrid;

/// <summary>
/// The long-cycle schedule of Wu et al.'s reference implementation (SlowFast's <c>get_long_cycle_schedule</c>) with images
/// instead of clips. The baseline's examples (its step budget x its batch) are split into the part before its final stage
/// and the final stage (<c>finalShare</c>); the first part becomes <c>longCycles</c> equal stages, each a long cycle in
/// which every side gets the same number of steps (so examples in proportion to its batch, baseline batch x (full /
/// side)², the learning rate scaled by the same factor); the final stage becomes the fine-tuning phase at the full side
/// and the baseline batch, shortened by the iteration saving of the cycles as the reference does; then every phase is
/// stretched so the whole schedule trains <c>epochFactor</c> x the baseline's examples.
/// </summary>
public static class MultigridSchedule
{
    /// <summary>The schedule's phases for a baseline of <paramref name="stepBudget"/> steps of <paramref name="baseBatch"/> images of side <paramref
    /// name="fullSide"/>.</summary>
    public static ResolutionSchedule Build(int fullSide, int baseBatch, long stepBudget, IReadOnlyList<int> sides, int longCycles, double epochFactor,
        double finalShare)
    {
        if (sides.Count == 0 || sides[^1] != fullSide) throw new ArgumentException($"the long cycle must end at the full side {fullSide}", nameof(sides));
        var batches = sides.Select(s => ResolutionSchedule.BatchForSide(baseBatch, fullSide, s)).ToArray();
        double baseline = (double)stepBudget * baseBatch;
        var perCycle = (1 - finalShare) * baseline / longCycles;
        // Steps of the cycles versus the baseline's steps over the same share of its examples: sum of batches / (sides x base).
        var iterationSaving = batches.Sum() / ((double)sides.Count * baseBatch);
        var fineTuning = finalShare * baseline / iterationSaving;
        var stretch = epochFactor * baseline / ((1 - finalShare) * baseline + fineTuning);

        var phases = new List<ResolutionPhase>();
        double end = 0;
        for (var cycle = 0; cycle < longCycles; cycle++)
            for (var i = 0; i < sides.Count; i++)
            {
                end += stretch * perCycle * batches[i] / batches.Sum();
                phases.Add(new ResolutionPhase(sides[i], batches[i], batches[i] / (double)baseBatch, end));
            }
        if (fineTuning > 0) phases.Add(new ResolutionPhase(fullSide, baseBatch, 1, end + stretch * fineTuning));
        return new ResolutionSchedule(phases);
    }
}
