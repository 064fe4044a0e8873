namespace Bench.Submissions.Mechanisms;

/// <summary>
/// The outcome of one SRigL mask update (<see cref="ConstantFanInMask.Update"/>): the new mask [out x in, row-major], the
/// positions regrown (in the new mask but not the old one: their weights start at zero), the fan-in
/// every active neuron now has, and the neurons ablated (no inputs at all).
/// </summary>
public sealed record ConstantFanInUpdate(bool[] Mask, bool[] Regrown, int FanIn, IReadOnlyList<int> Ablated)
{
    /// <summary>How many positions were regrown.</summary>
    public int RegrownCount => Regrown.Count(r => r);
}
