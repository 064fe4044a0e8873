namespace Bench.Submissions.SniperTraining;

/// <summary>
/// SNIPER's decaying sparsity (the reference configuration's epoch schedule 40% → 20% → 10% → 0 at epochs 0, 5, 10 and
/// 20, in fractions of the step at which the model turns dense): the initial sparsity s for the first quarter of the
/// sparse phase, s/2 for the second quarter, s/4 for its second half, 0 from then on.
/// </summary>
public static class SniperSchedule
{
    /// <summary>
    /// The sparsity of step <paramref name="step"/> (0-based) for a budget of <paramref name="stepBudget"/> steps that turns
    /// dense at <paramref name="denseAt"/> x budget; the initial sparsity throughout when there is no budget (no horizon).
    /// </summary>
    public static double SparsityAt(long step, long stepBudget, double initialSparsity, double denseAt)
    {
        if (stepBudget <= 0) return initialSparsity;
        var dense = denseAt * stepBudget;
        return step < dense / 4 ? initialSparsity
            : step < dense / 2 ? initialSparsity / 2
            : step < dense ? initialSparsity / 4
            : 0;
    }
}
